from alembic import context

from chuishao_shared.migrations import run_env

run_env(context)
