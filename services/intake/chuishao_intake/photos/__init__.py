"""Photos: upload, clean and store evidence pictures; read them back with a token."""
