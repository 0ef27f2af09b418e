"""The grid worker's and liaison's commands of `chuishao` (report, reports, verify, feedback, sync;
cases, case, ack, progress, resolve, return, extension), thin over the generated typed clients, with
an on-disk offline queue for reports (`queue.py`)."""
