using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using WebEdi.Integration.Exchange.Profiles;

namespace WebEdi.IntegrationTests.Portal.Exchange;

/// <summary>
/// A buyer admin sets up the nightly CSV exchange in the browser: starts from a built-in profile, edits it in the form
/// (a bad schedule is named and nothing is stored; a changed column is), and moves it out and in as a JSON file.
/// </summary>
[Collection(ExchangeGroup.Name)]
public sealed partial class Setting_up_the_nightly_exchange(ExchangePortal fixture)
{
    [Fact]
    public async Task Starting_from_the_Japanese_ERP_profile_shows_its_schedule_next_run_and_folders()
    {
        var (buyer, session) = await fixture.NewBuyerAsync();
        using var _ = session;
        var before = await session.GetAsync("/Exchange");

        var page = await ExchangePortal.StartAsync(session, "japanese-erp");

        Assert.Equal(2, before.Document.QuerySelectorAll("form[action*='handler=Start'] button").Length);
        Assert.Equal("国内ERP形式（Shift_JIS）", page.Document.QuerySelector("#state-title")!.TextContent);
        Assert.Equal("有効", page.Document.QuerySelector("#exchange-state")!.TextContent);
        Assert.Contains("毎日 02:00", page.Document.QuerySelector("#exchange-schedule")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Asia/Tokyo", page.Document.QuerySelector("#exchange-schedule")!.TextContent, StringComparison.Ordinal);
        Assert.Matches(NextRun(), page.Document.QuerySelector("#exchange-next")!.TextContent);
        Assert.EndsWith(Path.Combine(buyer.Code, "nightly", "in"), page.Document.QuerySelector("#folder-inbound")!.TextContent, StringComparison.Ordinal);
        Assert.EndsWith(Path.Combine(buyer.Code, "nightly", "error"), page.Document.QuerySelector("#folder-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(ExchangeProfileJson.Serialize(BuiltInProfiles.JapaneseErp), await fixture.StoredProfileAsync(buyer.Id));
        Assert.Empty(page.Document.QuerySelectorAll("form[action*='handler=Start']"));
    }

    [Fact]
    public async Task An_invalid_schedule_is_named_on_its_input_and_nothing_is_stored()
    {
        var (buyer, session) = await fixture.NewBuyerAsync();
        using var _ = session;
        await ExchangePortal.StartAsync(session, "standard");
        var form = await session.GetAsync("/Exchange/Profile");
        var fields = ExchangePortal.With(ExchangePortal.Fields(form, "form.profile-form"), "Form.Schedule", "every night at 2");

        var answer = await session.PostAsync("/Exchange/Profile", form, [.. fields]);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains("schedule: 'every night at 2' is not a five-field cron expression", answer.Document.QuerySelector("#profile-problems")!.TextContent, StringComparison.Ordinal);
        var input = answer.Document.QuerySelector("#Form_Schedule")!;
        Assert.Equal("every night at 2", input.GetAttribute("value"));
        Assert.Contains("input-validation-error", input.ClassList);
        Assert.NotNull(answer.Document.QuerySelector("#Form_Schedule-error"));
        Assert.Equal(ExchangeProfileJson.Serialize(BuiltInProfiles.Standard), await fixture.StoredProfileAsync(buyer.Id));
    }

    [Fact]
    public async Task A_changed_column_mapping_is_stored_and_the_rest_of_the_profile_stays_as_it_was()
    {
        var (buyer, session) = await fixture.NewBuyerAsync();
        using var _ = session;
        await ExchangePortal.StartAsync(session, "japanese-erp");
        var form = await session.GetAsync("/Exchange/Profile");
        var fields = ExchangePortal.With(ExchangePortal.Fields(form, "form.profile-form"), "Form.InboundColumns[0].Column", "注文NO");

        var saved = await session.PostAsync("/Exchange/Profile", form, [.. fields]);
        var again = await session.GetAsync("/Exchange/Profile");

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal("注文NO", again.Document.QuerySelector("#Form_InboundColumns_0__Column")!.GetAttribute("value"));
        var erp = BuiltInProfiles.JapaneseErp;
        var expected = erp with { Inbound = erp.Inbound with { Columns = [erp.Inbound.Columns[0] with { Column = "注文NO" }, .. erp.Inbound.Columns.Skip(1)] } };
        Assert.Equal(ExchangeProfileJson.Serialize(expected), await fixture.StoredProfileAsync(buyer.Id));
        // Current rows, then five blank ones; required order fields are marked.
        Assert.Equal(erp.Inbound.Columns.Count + 5, again.Document.QuerySelectorAll("input[name^='Form.InboundColumns['][name$='].Column']").Length);
        Assert.EndsWith(" *", again.Document.QuerySelector("#Form_InboundColumns_0__Field option[value=orderNumber]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("unit: PCS=個", again.Document.QuerySelector("#Form_InboundCodes")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_problem_in_a_table_row_is_marked_on_that_row_and_what_was_typed_stays()
    {
        var (buyer, session) = await fixture.NewBuyerAsync();
        using var _ = session;
        await ExchangePortal.StartAsync(session, "standard");
        var form = await session.GetAsync("/Exchange/Profile");
        var columns = BuiltInProfiles.Standard.Inbound.Columns.Count;
        var fields = ExchangePortal.Fields(form, "form.profile-form");
        // A new row in the blanks that maps a field already mapped, and a code map line that does not read.
        ExchangePortal.With(fields, $"Form.InboundColumns[{columns + 1}].Column", "数量2");
        ExchangePortal.With(fields, $"Form.InboundColumns[{columns + 1}].Field", "quantity");
        ExchangePortal.With(fields, "Form.InboundCodes", "unit PCS");

        var answer = await session.PostAsync("/Exchange/Profile", form, [.. fields]);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var problems = answer.Document.QuerySelector("#profile-problems")!.TextContent;
        Assert.Contains("inbound.codes: line 1 'unit PCS' is not 'field: FROM=TO'", problems, StringComparison.Ordinal);
        Assert.Equal("数量2", answer.Document.QuerySelector($"#Form_InboundColumns_{columns + 1}__Column")!.GetAttribute("value"));
        Assert.Contains("input-validation-error", answer.Document.QuerySelector("#Form_InboundCodes")!.ClassList);
        Assert.Equal(ExchangeProfileJson.Serialize(BuiltInProfiles.Standard), await fixture.StoredProfileAsync(buyer.Id));

        // With the code map fixed, the rules find the duplicated field and mark the row it is on.
        ExchangePortal.With(fields, "Form.InboundCodes", "unit: PCS=個");
        var rules = await session.PostAsync("/Exchange/Profile", answer, [.. fields]);

        Assert.Contains($"inbound.columns[{columns}].field: 'quantity' is mapped already", rules.Document.QuerySelector("#profile-problems")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("input-validation-error", rules.Document.QuerySelector($"#Form_InboundColumns_{columns + 1}__Field")!.ClassList);
        Assert.Equal(ExchangeProfileJson.Serialize(BuiltInProfiles.Standard), await fixture.StoredProfileAsync(buyer.Id));
    }

    [Fact]
    public async Task An_exported_profile_imports_back_as_it_was()
    {
        var (buyer, session) = await fixture.NewBuyerAsync();
        using var _ = session;
        await ExchangePortal.StartAsync(session, "japanese-erp");

        var export = await session.GetRawAsync("/Exchange?handler=Export");
        var exported = await export.Content.ReadAsByteArrayAsync();
        var form = await session.GetAsync("/Exchange/Profile");
        var renamed = await session.PostAsync("/Exchange/Profile", form, [.. ExchangePortal.With(ExchangePortal.Fields(form, "form.profile-form"), "Form.Name", "変更後")]);
        var imported = await ExchangePortal.ImportAsync(session, exported);

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("attachment", export.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal($"exchange-profile-{buyer.Code}.json", export.Content.Headers.ContentDisposition.FileNameStar ?? export.Content.Headers.ContentDisposition.FileName);
        Assert.Equal(HttpStatusCode.Redirect, renamed.Status);
        Assert.Equal(HttpStatusCode.Redirect, imported.Status);
        Assert.Equal(Encoding.UTF8.GetString(exported), await fixture.StoredProfileAsync(buyer.Id));
        Assert.Equal("国内ERP形式（Shift_JIS）", (await session.GetAsync("/Exchange")).Document.QuerySelector("#state-title")!.TextContent);
    }

    [Fact]
    public async Task Malformed_JSON_and_an_unknown_setting_are_refused_with_their_place_and_change_nothing()
    {
        var (buyer, session) = await fixture.NewBuyerAsync();
        using var _ = session;
        await ExchangePortal.StartAsync(session, "standard");
        var stored = await fixture.StoredProfileAsync(buyer.Id);

        var malformed = await ExchangePortal.ImportAsync(session, Encoding.UTF8.GetBytes("{\n  \"name\": \"夜間\",\n  \"schedule\": \n}"));
        var unknown = await ExchangePortal.ImportAsync(session, Encoding.UTF8.GetBytes(stored!.Replace("\"name\":", "\"colour\": \"blue\",\n  \"name\":", StringComparison.Ordinal)));
        var empty = await ExchangePortal.ImportAsync(session, []);

        Assert.Equal(HttpStatusCode.OK, malformed.Status);
        Assert.Matches(@"line 4, position 1\b", malformed.Document.QuerySelector("#import-problems")!.TextContent);
        Assert.Contains("プロファイルは変わっていません", malformed.Document.QuerySelector("#import-problems")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("colour", unknown.Document.QuerySelector("#import-problems li")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("選んでください", empty.Document.QuerySelector("#import-problems li")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(stored, await fixture.StoredProfileAsync(buyer.Id));
    }

    [GeneratedRegex(@"^\d{4}/\d{2}/\d{2} 02:00$")]
    private static partial Regex NextRun();
}
