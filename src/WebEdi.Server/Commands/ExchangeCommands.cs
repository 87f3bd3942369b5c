using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using WebEdi.Data;
using WebEdi.Data.Exchange;
using WebEdi.Domain.Companies;
using WebEdi.Integration.Exchange;
using WebEdi.Integration.Exchange.Profiles;

namespace WebEdi.Server.Commands;

/// <summary>
/// <c>webedi exchange run</c> runs a buyer's nightly exchange now, with a progress bar and a summary table, and exits
/// non-zero when a file was rejected or refused; <c>webedi exchange profile</c> sets a buyer's profile from a built-in
/// one or a JSON file, or prints it.
/// </summary>
internal static class ExchangeCommands
{
    public const string Usage =
        "webedi exchange run --buyer BUYERCODE [--in|--out] [--dry-run] [--file FILE] | " +
        "webedi exchange profile --buyer BUYERCODE [--builtin standard|japanese-erp | --import FILE | --export]";

    /// <summary>Another process holds the buyer's lease: try again later (sysexits EX_TEMPFAIL).</summary>
    public const int ExitBusy = 75;

    public static CommandLine Run(string[] args)
    {
        var inbound = CommandLine.Flag(args, "--in");
        var outbound = CommandLine.Flag(args, "--out");
        var file = CommandLine.Option(args, "--file");
        if (file is not null && outbound)
        {
            throw new CommandLineException($"--file imports one order file; it cannot go with --out. usage: {Usage}");
        }

        if (file is not null && !File.Exists(file))
        {
            throw new CommandLineException($"the file '{file}' does not exist.");
        }

        return new RunCommand(Buyer(args), inbound || !outbound, outbound || !inbound, CommandLine.Flag(args, "--dry-run"), file is null ? null : Path.GetFullPath(file));
    }

    public static CommandLine Profile(string[] args)
    {
        var builtin = CommandLine.Option(args, "--builtin");
        var import = CommandLine.Option(args, "--import");
        if (builtin is not null && import is not null)
        {
            throw new CommandLineException($"give --builtin or --import, not both. usage: {Usage}");
        }

        if (builtin is not null && BuiltInProfiles.All.All(p => p.Key != builtin))
        {
            throw new CommandLineException($"there is no built-in profile '{builtin}'; there are {string.Join(", ", BuiltInProfiles.All.Select(p => p.Key))}.");
        }

        return new ProfileCommand(Buyer(args), builtin, import);
    }

    private static string Buyer(string[] args) =>
        CommandLine.Option(args, "--buyer") ?? throw new CommandLineException($"the exchange commands need --buyer BUYERCODE. usage: {Usage}");

    private static async Task<Company> FindBuyerAsync(WebEdiDbContext db, string code)
    {
        var company = await db.Companies.AsNoTracking().SingleOrDefaultAsync(c => c.Code == code)
            ?? throw new CommandLineException($"there is no company with the code '{code}'.");
        return company.IsBuyer ? company : throw new CommandLineException($"{code} is not a buyer; only buyers exchange order files.");
    }

    private sealed class RunCommand(string buyerCode, bool inbound, bool outbound, bool dryRun, string? file) : CommandLine
    {
        public override async Task<int> RunAsync(WebApplication app)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WebEdiDbContext>();
            var buyer = await FindBuyerAsync(db, buyerCode);
            var runner = scope.ServiceProvider.GetRequiredService<ExchangeRunner>();
            var request = new ExchangeRequest(ExchangeTrigger.Command, $"{Environment.UserName} (command line)")
            {
                Inbound = inbound, Outbound = outbound, DryRun = dryRun, File = file,
            };

            var console = Console();
            ExchangeOutcome outcome = null!;
            await console.Progress().AutoClear(false).HideCompleted(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var progress = new BarProgress(context);
                    outcome = await runner.RunAsync(buyer.Id, request, progress, CancellationToken.None);
                    progress.CompleteAll();
                });

            if (!outcome.Ran)
            {
                console.MarkupLineInterpolated($"[yellow]{outcome.NotRun}[/]");
                return outcome.Busy ? ExitBusy : ExitFailure;
            }

            Summarise(console, buyer, outcome, dryRun);
            foreach (var run in outcome.Runs.Where(r => r.ErrorReport is not null))
            {
                console.WriteLine();
                console.MarkupLineInterpolated($"[red]{run.FileName}[/]: {run.Message}");
                console.WriteLine(System.Text.Encoding.UTF8.GetString(run.ErrorReport!).TrimStart('\uFEFF'));
            }

            return outcome.HasProblems ? ExitFailure : 0;
        }

        private static void Summarise(IAnsiConsole console, Company buyer, ExchangeOutcome outcome, bool dryRun)
        {
            var table = new Table().Title($"{buyer.Code}{(dryRun ? " (dry run)" : "")}")
                .AddColumns("direction", "file", "status", "rows", "orders/documents", "received", "duplicate", "stale", "refused", "errors", "seconds");
            foreach (var run in outcome.Runs)
            {
                var status = run.Status switch
                {
                    ExchangeRunStatus.Succeeded => "[green]Succeeded[/]",
                    ExchangeRunStatus.NothingNew => "NothingNew",
                    _ => $"[red]{run.Status}[/]",
                };
                table.AddRow(
                    run.Direction.ToString(), Markup.Escape(run.FileName?.Replace(",", ", ", StringComparison.Ordinal) ?? "-"), status, Number(run.Rows), Number(run.Documents), Number(run.Received),
                    Number(run.Duplicates), Number(run.Stale), Number(run.Refused), Number(run.Errors),
                    (run.Duration ?? TimeSpan.Zero).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture));
            }

            if (outcome.Runs.Count == 0)
            {
                table.AddRow("Inbound", "(no complete order file waiting)", "-", "-", "-", "-", "-", "-", "-", "-", "-");
            }

            console.Write(table);
            foreach (var run in outcome.Runs.Where(r => r.Message is not null && r.ErrorReport is null))
            {
                console.MarkupLineInterpolated($"{run.Direction} {run.FileName}: {run.Message}");
            }
        }

        private static string Number(int value) => value.ToString("#,0", CultureInfo.InvariantCulture);
    }

    private sealed class ProfileCommand(string buyerCode, string? builtin, string? import) : CommandLine
    {
        public override async Task<int> RunAsync(WebApplication app)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WebEdiDbContext>();
            var buyer = await FindBuyerAsync(db, buyerCode);
            var settings = scope.ServiceProvider.GetRequiredService<BuyerExchangeSettings>();
            try
            {
                if (builtin is not null)
                {
                    await settings.SaveAsync(buyer.Id, BuiltInProfiles.All.Single(p => p.Key == builtin).Profile, $"{Environment.UserName} (command line)", CancellationToken.None);
                }
                else if (import is not null)
                {
                    await settings.SaveJsonAsync(buyer.Id, await File.ReadAllTextAsync(import), $"{Environment.UserName} (command line)", CancellationToken.None);
                }
            }
            catch (ExchangeProfileException e)
            {
                await System.Console.Error.WriteLineAsync($"webedi: the profile was not stored:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", e.Problems)}");
                return ExitFailure;
            }

            var overview = await settings.OverviewAsync(buyer.Id, 1, CancellationToken.None);
            if (overview.Exchange is null)
            {
                await System.Console.Error.WriteLineAsync($"webedi: {buyer.Code} has no exchange profile; set one with --builtin or --import.");
                return ExitFailure;
            }

            System.Console.WriteLine(overview.Exchange.ProfileJson);
            if (builtin is not null || import is not null)
            {
                await System.Console.Error.WriteLineAsync($"stored the profile '{overview.Profile!.Name}' for {buyer.Code}; order files go to {overview.Folders!.Inbound}");
            }

            return 0;
        }
    }

    private static IAnsiConsole Console()
    {
        var console = AnsiConsole.Console;
        if (System.Console.IsOutputRedirected)
        {
            // A log or a pipe: wide enough that the summary table does not wrap its numbers.
            console.Profile.Width = 160;
        }

        return console;
    }

    /// <summary>One bar per step and file, driven by the runner's reports.</summary>
    private sealed class BarProgress(ProgressContext context) : IProgress<ExchangeProgress>
    {
        private readonly Dictionary<string, ProgressTask> _bars = [];
        private readonly Lock _lock = new();

        public void Report(ExchangeProgress value)
        {
            lock (_lock)
            {
                var key = $"{value.Step}:{value.FileName}";
                if (!_bars.TryGetValue(key, out var bar))
                {
                    var title = value.Step switch
                    {
                        "check" => $"checking {value.FileName}",
                        "import" => $"importing {value.FileName}",
                        _ => "exporting answers and shipments",
                    };
                    bar = context.AddTask(Markup.Escape(title), maxValue: Math.Max(1, value.Total));
                    _bars[key] = bar;
                }

                bar.MaxValue = Math.Max(1, value.Total);
                bar.Value = Math.Min(value.Done, bar.MaxValue);
            }
        }

        public void CompleteAll()
        {
            lock (_lock)
            {
                foreach (var bar in _bars.Values)
                {
                    bar.Value = bar.MaxValue;
                }
            }
        }
    }
}
