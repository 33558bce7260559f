"""The whole Store contract in the SQL both stores share; SqliteStore and PostgresStore add
their connections, their writer's transaction and their migrations."""

from server.store.accounts import AccountsSql
from server.store.meeting_records import MeetingsSql
from server.store.op_log import OpLogSql
from server.store.second_factors import SecondFactorsSql
from server.store.teams import TeamsSql


class SqlStore(OpLogSql, MeetingsSql, AccountsSql, SecondFactorsSql, TeamsSql):
    """Every method of the Store protocol but open, close and ping."""
