"""The grid worker's installable web app (网格员手机端), served by intake at /app/."""
