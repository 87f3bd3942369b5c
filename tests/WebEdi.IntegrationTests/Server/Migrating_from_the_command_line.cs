using WebEdi.Testing;

namespace WebEdi.IntegrationTests.Server;

public sealed class Migrating_from_the_command_line
{
    [Fact]
    public async Task Applies_the_migrations_once_and_then_reports_nothing_to_do()
    {
        var data = Directory.CreateTempSubdirectory("webedi-migrate-").FullName;

        var first = await WebEdiServer.RunAsync(null, data, "db", "migrate");
        Assert.True(first.ExitCode == 0, first.StandardError);
        Assert.Matches(@"Applied \d+ migration\(s\): 20261121000000_InitialSchema, ", first.StandardOutput);
        Assert.True(File.Exists(Path.Combine(data, "webedi.db")));

        var second = await WebEdiServer.RunAsync(null, data, "db", "migrate");
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("up to date", second.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Against_an_unreachable_database_fails_with_the_reason()
    {
        var result = await WebEdiServer.RunAsync(new Dictionary<string, string?>
        {
            ["WebEdi:Database:Provider"] = "PostgreSql",
            ["WebEdi:Database:ConnectionString"] = $"Host=127.0.0.1;Port={Starting_the_server.ClosedPort()};Username=x;Database=x;Timeout=2",
        }, Directory.CreateTempSubdirectory().FullName, "db", "migrate");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("db migrate failed", result.StandardError, StringComparison.Ordinal);
    }
}
