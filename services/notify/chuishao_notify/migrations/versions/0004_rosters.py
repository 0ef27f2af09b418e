"""Duty rosters (值班表, PRODUCT.md §9, issue 25 item 1): a department's or a duty desk's layers of
rotations (iCalendar RRULEs), overrides for a swap or a sick day, and the people on them (a name and
the mobile a group robot @mentions; the mobile is never logged nor shown whole).

Revision ID: 0004
"""

from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE roster_layers (
            id uuid PRIMARY KEY,
            owner text NOT NULL,
            level integer NOT NULL CHECK (level >= 1),
            name text NOT NULL,
            rrule text NOT NULL,
            starts timestamptz NOT NULL,
            shift_minutes integer NOT NULL CHECK (shift_minutes > 0),
            members text[] NOT NULL,
            valid_from timestamptz NOT NULL,
            valid_until timestamptz,
            replaces uuid REFERENCES roster_layers (id),
            created_by text NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            CHECK (valid_until IS NULL OR valid_until >= valid_from)
        )
        """
    )
    op.execute("CREATE INDEX roster_layers_owner_idx ON roster_layers (owner, level)")
    op.execute(
        """
        CREATE TABLE roster_overrides (
            id uuid PRIMARY KEY,
            owner text NOT NULL,
            level integer NOT NULL CHECK (level >= 1),
            member text NOT NULL,
            starts timestamptz NOT NULL,
            ends timestamptz NOT NULL CHECK (ends > starts),
            reason text NOT NULL DEFAULT '',
            created_by text NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            cancelled_at timestamptz
        )
        """
    )
    op.execute("CREATE INDEX roster_overrides_owner_idx ON roster_overrides (owner, ends) WHERE cancelled_at IS NULL")
    op.execute(
        """
        CREATE TABLE duty_people (
            owner text NOT NULL,
            member text NOT NULL,
            name text NOT NULL,
            mobile text NOT NULL DEFAULT '',
            updated_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (owner, member)
        )
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE duty_people")
    op.execute("DROP TABLE roster_overrides")
    op.execute("DROP TABLE roster_layers")
