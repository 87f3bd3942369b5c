using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace WebEdi.Benchmarks.Portal;

/// <summary>One SQL command as EF Core sent it, with its parameter values.</summary>
internal sealed record SqlCommandCopy(string Text, IReadOnlyList<(string Name, object Value, NpgsqlTypes.NpgsqlDbType Type)> Parameters);

/// <summary>Records the commands a piece of EF code sends, so the benchmark can send exactly the same SQL without EF.</summary>
internal sealed class SqlRecorder : DbCommandInterceptor
{
    private readonly List<SqlCommandCopy> _commands = [];

    public IReadOnlyList<SqlCommandCopy> TakeAll()
    {
        var copy = _commands.ToList();
        _commands.Clear();
        return copy;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        _commands.Add(new SqlCommandCopy(command.CommandText, command.Parameters.Cast<NpgsqlParameter>()
            .Select(p => (p.ParameterName, p.Value ?? DBNull.Value, p.NpgsqlDbType)).ToList()));
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        _commands.Add(new SqlCommandCopy(command.CommandText, command.Parameters.Cast<NpgsqlParameter>()
            .Select(p => (p.ParameterName, p.Value ?? DBNull.Value, p.NpgsqlDbType)).ToList()));
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }
}

/// <summary>
/// The raw baseline: each of <c>users</c> concurrent workers sends its page's recorded SQL over plain Npgsql, reads every
/// row, waits the same think time as the web load, and repeats for the duration; one whole page's SQL is one sample.
/// </summary>
internal static class RawReplay
{
    public static async Task<LatencyResult> MeasureAsync(
        string connectionString, IReadOnlyList<IReadOnlyList<IReadOnlyList<SqlCommandCopy>>> pagesPerUser, TimeSpan duration, int thinkMilliseconds)
    {
        await using var source = NpgsqlDataSource.Create(connectionString + ";Maximum Pool Size=100");

        // A pool as warm as the server's: one open connection per worker before the clock starts, so no measured page
        // pays for a new backend process.
        var warm = await Task.WhenAll(pagesPerUser.Select(_ => source.OpenConnectionAsync().AsTask()));
        foreach (var connection in warm)
        {
            await connection.DisposeAsync();
        }

        var samples = new List<double>[pagesPerUser.Count];
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(pagesPerUser.Select(async (pages, worker) =>
        {
            var mine = samples[worker] = [];

            // With think time the workers start at random moments within one, like the web load's users.
            if (thinkMilliseconds > 0)
            {
                await Task.Delay(Random.Shared.Next(0, thinkMilliseconds + 1));
            }

            for (var i = 0; stop.Elapsed < duration; i++)
            {
                var page = pages[i % pages.Count];
                var clock = Stopwatch.StartNew();
                await using (var connection = await source.OpenConnectionAsync())
                {
                    foreach (var copy in page)
                    {
                        await using var command = new NpgsqlCommand(copy.Text, connection);
                        foreach (var (name, value, type) in copy.Parameters)
                        {
                            command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value });
                        }

                        await using var reader = await command.ExecuteReaderAsync();
                        while (await reader.ReadAsync())
                        {
                            for (var f = 0; f < reader.FieldCount; f++)
                            {
                                _ = reader.GetValue(f);
                            }
                        }
                    }
                }

                mine.Add(clock.Elapsed.TotalMilliseconds);
                if (thinkMilliseconds > 0)
                {
                    await Task.Delay(Random.Shared.Next(thinkMilliseconds / 2, thinkMilliseconds * 3 / 2 + 1));
                }
            }
        }));

        var all = samples.SelectMany(s => s).Order().ToList();
        return LatencyResult.Of(all, stop.Elapsed);
    }
}

internal sealed record LatencyResult(long Requests, double PerSecond, double P50, double P95, double P99, long Failures)
{
    public static LatencyResult Of(List<double> sortedMilliseconds, TimeSpan elapsed) => new(
        sortedMilliseconds.Count, sortedMilliseconds.Count / elapsed.TotalSeconds,
        Percentile(sortedMilliseconds, 0.50), Percentile(sortedMilliseconds, 0.95), Percentile(sortedMilliseconds, 0.99), 0);

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
