using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace TechCenters.Web.Infrastructure;

/// <summary>
/// Tells a database that is gone or refusing work for now (stopped, restarting, failing over, out of connections,
/// locked) from a defect: the first is a 503 with a Chinese page and Retry-After, and the app recovers on its own when
/// the database is back; the second stays a 500.
/// </summary>
public static class DatabaseFailures
{
    public const int RetryAfterSeconds = 5;

    public static bool IsUnavailable(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg when Unavailable(pg.SqlState):
                    return true;
                case PostgresException:
                    return false; // the server answered: a constraint, a syntax error … is a defect or a conflict, not an outage
                case NpgsqlOperationInProgressException:
                    return false; // a command while another runs on the same connection: a defect
                case NpgsqlException:
                    // Not an answer from the server (that is PostgresException, above): the connection could not be made or
                    // broke — refused, reset, timed out, "No suitable host was found" while a standby is being promoted.
                    return true;
                case SqliteException sqlite when sqlite.SqliteErrorCode is 5 or 6 or 10 or 13 or 14:
                    return true; // BUSY, LOCKED, IOERR, FULL, CANTOPEN
                case SocketException:
                    return true;
            }
            if (e is AggregateException { InnerExceptions.Count: > 0 } agg && agg.InnerExceptions.Any(IsUnavailable)) return true;
        }
        return false;
    }

    /// <summary>
    /// After an outage, idle pooled connections to PostgreSQL are dead (the server restarted or failed over): drop them,
    /// so the requests after it open fresh ones instead of failing one by one on the old ones.
    /// </summary>
    public static void OnUnavailable(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
            if (e is NpgsqlException)
            {
                NpgsqlConnection.ClearAllPools();
                return;
            }
    }

    /// <summary>Connection exceptions (class 08), operator intervention (57P01–57P03: shutdown, crash, starting up),
    /// too many connections (53300), and a read-only server (25006: a standby, e.g. during a failover).</summary>
    private static bool Unavailable(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) || state is "57P01" or "57P02" or "57P03" or "53300" or "25006";
}
