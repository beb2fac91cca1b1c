"""counterparties (credit limits) and their learned aliases, per account

Revision ID: 0004_counterparties
Revises: 0003_api
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004_counterparties'
down_revision = '0003_api'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'counterparties',
        sa.Column('id', sa.BigInteger(), nullable=False),
        sa.Column('account_id', sa.BigInteger(), nullable=False),
        sa.Column('name', sa.String(length=64), nullable=False),
        sa.Column('credit_limit', sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint('credit_limit IS NULL OR credit_limit >= 0', name=op.f('ck_counterparties_credit_limit')),
        sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], name=op.f('fk_counterparties_account_id_accounts'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_counterparties')),
        sa.UniqueConstraint('account_id', 'name', name='account_counterparty'),
    )
    op.create_table(
        'counterparty_aliases',
        sa.Column('id', sa.BigInteger(), nullable=False),
        sa.Column('account_id', sa.BigInteger(), nullable=False),
        sa.Column('alias', sa.String(length=64), nullable=False),
        sa.Column('name', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], name=op.f('fk_counterparty_aliases_account_id_accounts'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_counterparty_aliases')),
        sa.UniqueConstraint('account_id', 'alias', name='account_alias'),
    )


def downgrade() -> None:
    op.drop_table('counterparty_aliases')
    op.drop_table('counterparties')
