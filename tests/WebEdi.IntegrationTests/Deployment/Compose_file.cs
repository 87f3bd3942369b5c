using System.Diagnostics;
using WebEdi.Testing;

namespace WebEdi.IntegrationTests.Deployment;

/// <summary>No Docker engine runs here; docker-compose still parses and resolves the production stack.</summary>
public sealed class Compose_file
{
    [Fact]
    public async Task Is_accepted_by_docker_compose_and_runs_every_role_against_PostgreSQL_and_RabbitMQ()
    {
        var (exit, output) = await DockerComposeAsync("config");
        Assert.True(exit == 0, output);

        var (_, services) = await DockerComposeAsync("config", "--services");
        Assert.Equal(
            ["adapters", "mailpit", "orders", "postgres", "rabbitmq", "scheduler", "web"],
            services.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order());
        foreach (var role in new[] { "web", "orders", "adapters", "scheduler" })
        {
            Assert.Contains($"WebEdi__Roles: {role}", output, StringComparison.Ordinal);
        }

        Assert.Contains("WebEdi__Database__Provider: PostgreSql", output, StringComparison.Ordinal);
        Assert.Contains("WebEdi__Bus__Transport: RabbitMq", output, StringComparison.Ordinal);

        // The file-drop channels (adapters) and the nightly exchange (scheduler, and the web page showing its folders) share one volume.
        Assert.Equal(4, output.Split('\n').Count(l => l.Trim() == "- exchange:/app/data/exchange:rw"));
    }

    private static async Task<(int ExitCode, string Output)> DockerComposeAsync(params string[] args)
    {
        const string binary = "/usr/bin/docker-compose";
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException("docker-compose is not installed; install it with: apt-get install docker-compose");
        }

        var start = new ProcessStartInfo(binary)
        {
            WorkingDirectory = WebEdiServer.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
