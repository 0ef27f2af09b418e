"""The service-layer core every service builds on: the message bus (`messagebus`), the unit of work
(`unit_of_work`), the periodic-task runner (`periodic`) and the LISTEN/NOTIFY waiter (`waiter`). A
service adds its commands, handlers and repositories. (Nothing is imported here, so the outbox relay
can use the runner and the waiter without importing the unit of work that imports the outbox.)"""
