using WebEdi.Testing;

namespace WebEdi.IntegrationTests.Server;

/// <summary>A bad setting stops start-up with one clear line that names the key, and a non-zero exit code.</summary>
public sealed class Configuration_errors
{
    [Theory]
    [InlineData("WebEdi:Database:Provider", "Oracle", "WebEdi:Database:Provider")]
    [InlineData("WebEdi:Roles", "web,cooking", "WebEdi:Roles")]
    [InlineData("WebEdi:Bus:Transport", "RabbitMq", "WebEdi:Bus:RabbitMq:Uri")]
    [InlineData("WebEdi:Bus:RabbitMq:Uri", "http://not-amqp", "WebEdi:Bus:RabbitMq:Uri")]
    [InlineData("WebEdi:Database:CommandTimeoutSeconds", "0", "WebEdi:Database:CommandTimeoutSeconds")]
    [InlineData("WebEdi:Database:MigrateOnStart", "perhaps", "WebEdi:Database:MigrateOnStart")]
    [InlineData("WebEdi:Documents:FontDirectories:0", " ", "WebEdi:Documents:FontDirectories:0")]
    public async Task A_bad_value_stops_start_up_naming_the_key(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?> { [key] = value };
        if (key == "WebEdi:Bus:RabbitMq:Uri")
        {
            settings["WebEdi:Bus:Transport"] = "RabbitMq";
        }

        var result = await WebEdiServer.RunAsync(settings, Directory.CreateTempSubdirectory().FullName);

        Assert.Equal(78, result.ExitCode);
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("webedi: configuration error:", line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostgreSQL_without_a_connection_string_is_refused()
    {
        var result = await WebEdiServer.RunAsync(
            new Dictionary<string, string?> { ["WebEdi:Database:Provider"] = "PostgreSql" }, Directory.CreateTempSubdirectory().FullName);

        Assert.Equal(78, result.ExitCode);
        Assert.Contains("WebEdi:Database:ConnectionString is required", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_settings_file_stops_start_up_naming_the_file()
    {
        // An environment-specific file beside the server, as an operator would drop it there.
        var file = Path.Combine(Path.GetDirectoryName(WebEdiServer.ServerAssembly)!, "appsettings.BrokenTest.json");
        await File.WriteAllTextAsync(file, """{ "WebEdi": { "Roles": "web", } """);
        try
        {
            var result = await WebEdiServer.RunAsync(
                new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "BrokenTest" }, Directory.CreateTempSubdirectory().FullName);

            Assert.Equal(78, result.ExitCode);
            var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("appsettings.BrokenTest.json", line, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task An_unknown_command_is_a_usage_error()
    {
        var result = await WebEdiServer.RunAsync(null, Directory.CreateTempSubdirectory().FullName, "db", "explode");

        Assert.Equal(64, result.ExitCode);
        Assert.Contains("unknown command 'db explode'", result.StandardError, StringComparison.Ordinal);
    }
}
