"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-22 02:48:55.779640
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('accounts',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_accounts'))
    )
    op.create_table('identities',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('account_id', sa.BigInteger(), nullable=False),
    sa.Column('platform', sa.String(length=16), nullable=False),
    sa.Column('platform_user_id', sa.String(length=128), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], name=op.f('fk_identities_account_id_accounts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_identities')),
    sa.UniqueConstraint('platform', 'platform_user_id', name='platform_user')
    )
    op.create_index(op.f('ix_identities_account_id'), 'identities', ['account_id'], unique=False)
    op.create_table('transactions',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('account_id', sa.BigInteger(), nullable=False),
    sa.Column('type', sa.String(length=16), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('transaction_date', sa.Date(), nullable=False),
    sa.Column('remark', sa.Text(), nullable=True),
    sa.Column('users', postgresql.ARRAY(sa.String(length=64)), server_default='{}', nullable=False),
    sa.Column('products', postgresql.JSONB(astext_type=sa.Text()), server_default='[]', nullable=False),
    sa.Column('containers', postgresql.JSONB(astext_type=sa.Text()), server_default='[]', nullable=False),
    sa.Column('category', sa.String(length=64), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('tags', postgresql.ARRAY(sa.String(length=32)), server_default='{}', nullable=False),
    sa.Column('status', sa.String(length=8), server_default='active', nullable=False),
    sa.Column('source', sa.String(length=8), server_default='text', nullable=False),
    sa.Column('raw_text', sa.Text(), server_default='', nullable=False),
    sa.Column('extractor', sa.String(length=32), server_default='rules', nullable=False),
    sa.Column('prompt_version', sa.String(length=32), nullable=True),
    sa.Column('chat_key', sa.String(length=160), server_default='', nullable=False),
    sa.Column('dedup_key', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("source IN ('text', 'voice')", name=op.f('ck_transactions_source')),
    sa.CheckConstraint("status IN ('active', 'deleted')", name=op.f('ck_transactions_status')),
    sa.CheckConstraint("type IN ('income', 'expense', 'credit', 'settle', 'borrow', 'return')", name=op.f('ck_transactions_type')),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], name=op.f('fk_transactions_account_id_accounts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_transactions')),
    sa.UniqueConstraint('account_id', 'dedup_key', name='account_dedup')
    )
    op.create_index('ix_transactions_account_date_active', 'transactions', ['account_id', 'transaction_date'], unique=False, postgresql_where=sa.text("status = 'active'"))
    op.create_index('ix_transactions_chat_created', 'transactions', ['account_id', 'chat_key', 'id'], unique=False)
    op.create_table('audit_log',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('account_id', sa.BigInteger(), nullable=False),
    sa.Column('transaction_id', sa.BigInteger(), nullable=False),
    sa.Column('action', sa.String(length=8), nullable=False),
    sa.Column('actor', sa.String(length=160), nullable=False),
    sa.Column('before', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('after', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("action IN ('create', 'update', 'delete')", name=op.f('ck_audit_log_action')),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], name=op.f('fk_audit_log_account_id_accounts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['transaction_id'], ['transactions.id'], name=op.f('fk_audit_log_transaction_id_transactions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    op.create_index(op.f('ix_audit_log_account_id'), 'audit_log', ['account_id'], unique=False)
    op.create_index(op.f('ix_audit_log_transaction_id'), 'audit_log', ['transaction_id'], unique=False)
    op.create_table('voice_records',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('account_id', sa.BigInteger(), nullable=False),
    sa.Column('file_path', sa.Text(), nullable=False),
    sa.Column('duration_seconds', sa.Numeric(precision=8, scale=2), nullable=False),
    sa.Column('transcript', sa.Text(), server_default='', nullable=False),
    sa.Column('recogniser', sa.String(length=32), server_default='', nullable=False),
    sa.Column('transaction_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], name=op.f('fk_voice_records_account_id_accounts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['transaction_id'], ['transactions.id'], name=op.f('fk_voice_records_transaction_id_transactions'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voice_records'))
    )
    op.create_index(op.f('ix_voice_records_account_id'), 'voice_records', ['account_id'], unique=False)
    op.create_index(op.f('ix_voice_records_transaction_id'), 'voice_records', ['transaction_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_voice_records_transaction_id'), table_name='voice_records')
    op.drop_index(op.f('ix_voice_records_account_id'), table_name='voice_records')
    op.drop_table('voice_records')
    op.drop_index(op.f('ix_audit_log_transaction_id'), table_name='audit_log')
    op.drop_index(op.f('ix_audit_log_account_id'), table_name='audit_log')
    op.drop_table('audit_log')
    op.drop_index('ix_transactions_chat_created', table_name='transactions')
    op.drop_index('ix_transactions_account_date_active', table_name='transactions', postgresql_where=sa.text("status = 'active'"))
    op.drop_table('transactions')
    op.drop_index(op.f('ix_identities_account_id'), table_name='identities')
    op.drop_table('identities')
    op.drop_table('accounts')
