"""books version 2: payable, payoff, loss and refund types; paid; unused columns dropped

Existing rows keep their meaning: a version-1 credit had nothing paid at the time, so its
`paid` becomes 0; every other type has no `paid` (NULL).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

V1_TYPES = "('income', 'expense', 'credit', 'settle', 'borrow', 'return')"
V2_TYPES = (
    "('income', 'expense', 'credit', 'settle', 'borrow', 'return',"
    " 'payable', 'payoff', 'loss', 'refund')"
)


def upgrade() -> None:
    op.add_column('transactions', sa.Column('paid', sa.Numeric(precision=12, scale=2), nullable=True))
    op.execute("UPDATE transactions SET paid = 0 WHERE type = 'credit'")
    op.drop_constraint(op.f('ck_transactions_type'), 'transactions', type_='check')
    op.create_check_constraint(op.f('ck_transactions_type'), 'transactions', f"type IN {V2_TYPES}")
    op.create_check_constraint(
        op.f('ck_transactions_paid'), 'transactions',
        "paid IS NULL OR (paid >= 0 AND type IN ('credit', 'payable'))",
    )
    op.drop_column('transactions', 'description')
    op.drop_column('transactions', 'tags')


def downgrade() -> None:
    op.add_column('transactions', sa.Column('tags', postgresql.ARRAY(sa.String(length=32)), server_default='{}', nullable=False))
    op.add_column('transactions', sa.Column('description', sa.Text(), nullable=True))
    op.drop_constraint(op.f('ck_transactions_paid'), 'transactions', type_='check')
    # Version 1 cannot hold the new types: refuse rather than silently lose entries.
    op.execute(
        "DO $$ BEGIN IF EXISTS (SELECT 1 FROM transactions WHERE type NOT IN "
        f"{V1_TYPES}) THEN RAISE EXCEPTION 'entries of version-2 types exist'; END IF; END $$"
    )
    op.drop_constraint(op.f('ck_transactions_type'), 'transactions', type_='check')
    op.create_check_constraint(op.f('ck_transactions_type'), 'transactions', f"type IN {V1_TYPES}")
    op.drop_column('transactions', 'paid')
