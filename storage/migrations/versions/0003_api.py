"""REST API profile: nickname, avatar and updated_at on accounts

Revision ID: 0003_api
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003_api'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('accounts', sa.Column('nickname', sa.String(length=50), nullable=True))
    op.add_column('accounts', sa.Column('avatar', sa.Text(), nullable=True))
    op.add_column(
        'accounts',
        sa.Column(
            'updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'),
            nullable=False,
        ),
    )


def downgrade() -> None:
    op.drop_column('accounts', 'updated_at')
    op.drop_column('accounts', 'avatar')
    op.drop_column('accounts', 'nickname')
