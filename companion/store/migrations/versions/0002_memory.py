"""Per-user memory: facts with history, mood readings, message vectors.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "memories",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("detail", sa.String(200), nullable=False),
        sa.Column(
            "source_message_id",
            sa.Integer,
            sa.ForeignKey("messages.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("first_seen", sa.DateTime, nullable=False),
        sa.Column("last_seen", sa.DateTime, nullable=False),
        sa.Column("times_mentioned", sa.Integer, nullable=False),
        sa.Column("superseded_at", sa.DateTime, nullable=True),
        sa.Column("followed_up_at", sa.DateTime, nullable=True),
    )
    op.create_index(
        "ix_memories_user_kind_subject_seen",
        "memories",
        ["user_id", "kind", "subject", "last_seen"],
    )
    op.create_index("ix_memories_user_kind_seen", "memories", ["user_id", "kind", "last_seen"])
    op.create_index("ix_memories_user_last_seen", "memories", ["user_id", "last_seen"])
    op.create_table(
        "moods",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("score", sa.Integer, nullable=False),
        sa.Column("label", sa.String(40), nullable=False),
        sa.Column(
            "message_id",
            sa.Integer,
            sa.ForeignKey("messages.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_moods_user_at", "moods", ["user_id", "at"])
    op.create_table(
        "message_vectors",
        sa.Column(
            "message_id",
            sa.Integer,
            sa.ForeignKey("messages.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("model_id", sa.String(100), nullable=False),
        sa.Column("vector", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("message_vectors")
    op.drop_index("ix_moods_user_at", "moods")
    op.drop_table("moods")
    op.drop_index("ix_memories_user_last_seen", "memories")
    op.drop_index("ix_memories_user_kind_seen", "memories")
    op.drop_index("ix_memories_user_kind_subject_seen", "memories")
    op.drop_table("memories")
