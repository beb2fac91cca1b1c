"""handled_messages: one row per finished message, written in the message's own transaction

The row is the durable "done" marker of a platform message (its dedup key): a redelivered
or retried message finds it and gets the stored replies instead of being handled again,
and a commit whose answer was lost is settled by looking the row up.

Revision ID: 0005_handled
Revises: 0004_counterparties
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0005_handled'
down_revision = '0004_counterparties'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'handled_messages',
        sa.Column('message_key', sa.String(length=200), nullable=False),
        sa.Column('replies', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'),
                  nullable=False),
        sa.PrimaryKeyConstraint('message_key', name='pk_handled_messages'),
    )
    op.create_index('ix_handled_messages_created_at', 'handled_messages', ['created_at'])


def downgrade() -> None:
    op.drop_index('ix_handled_messages_created_at', table_name='handled_messages')
    op.drop_table('handled_messages')
