"""How sure she is of each memory: a confidence from 0 to 1 (0.8 for the facts already kept).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN, never a batch copy: on SQLite a copied table loses its triggers.
    op.add_column(
        "memories",
        sa.Column("confidence", sa.Float, nullable=False, server_default=sa.text("0.8")),
    )


def downgrade() -> None:
    op.drop_column("memories", "confidence")
