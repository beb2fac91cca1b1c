"""Voice records keep unheard recordings (status, reason, chat, attempts) for a retry;
a phone bound in chat remembers that chat, and an account has at most one phone

Revision ID: 0006_voice_phone
Revises: 0005_handled
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006_voice_phone'
down_revision = '0005_handled'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('voice_records', sa.Column(
        'status', sa.String(length=8), server_default='heard', nullable=False))
    op.add_column('voice_records', sa.Column('reason', sa.String(length=32), nullable=True))
    op.add_column('voice_records', sa.Column(
        'chat_key', sa.String(length=160), server_default='', nullable=False))
    op.add_column('voice_records', sa.Column(
        'attempts', sa.Integer(), server_default='1', nullable=False))
    op.add_column('voice_records', sa.Column(
        'updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'),
        nullable=False))
    op.create_check_constraint(
        op.f('ck_voice_records_status'), 'voice_records', "status IN ('heard', 'unheard')")
    op.create_index(
        'ix_voice_records_account_unheard', 'voice_records', ['account_id', 'id'],
        postgresql_where=sa.text("status = 'unheard'"))
    op.add_column('identities', sa.Column('chat_key', sa.String(length=160), nullable=True))
    op.create_index(
        'ix_identities_one_phone', 'identities', ['account_id'], unique=True,
        postgresql_where=sa.text("platform = 'phone'"))


def downgrade() -> None:
    op.drop_index('ix_identities_one_phone', table_name='identities')
    op.drop_column('identities', 'chat_key')
    op.drop_index('ix_voice_records_account_unheard', table_name='voice_records')
    op.drop_constraint(op.f('ck_voice_records_status'), 'voice_records', type_='check')
    for column in ('updated_at', 'attempts', 'chat_key', 'reason', 'status'):
        op.drop_column('voice_records', column)
