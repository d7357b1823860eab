namespace TechCenters.Policy.Tests;

public class FactsTests
{
    private static Vocabulary V => Catalogs.Repo.Vocabulary;

    [Fact]
    public void Yaml_and_json_give_the_same_facts()
    {
        var yaml = Facts.FromYaml("""
            lead:
              type: enterprise
              rd_expense_last_year: 2400000
              independent_legal_person: true
            co_builders:
              - { name: 甲, type: enterprise, region: local, core: true }
            expert_panel: { expertise: [technical, finance] }
            application: { submitted_on: 2025-03-01 }
            """, V);
        var json = Facts.FromJson("""
            {"lead":{"type":"enterprise","rd_expense_last_year":2400000,"independent_legal_person":true},
             "co_builders":[{"name":"甲","type":"enterprise","region":"local","core":true}],
             "expert_panel":{"expertise":["technical","finance"]},
             "application":{"submitted_on":"2025-03-01"}}
            """, V);
        foreach (var f in new[] { yaml, json })
        {
            f.Text("lead.type").ShouldBe("enterprise");
            f.Number("lead.rd_expense_last_year").ShouldBe(2400000m);
            f.Bool("lead.independent_legal_person").ShouldBe(true);
            f.List("co_builders")!.Single()["region"].ShouldBe("local");
            f.TextList("expert_panel.expertise").ShouldBe(["technical", "finance"]);
            f.Date("application.submitted_on").ShouldBe(new DateOnly(2025, 3, 1));
        }
    }

    [Fact]
    public void Unknown_facts_and_bad_values_are_rejected_with_their_paths()
    {
        var ex = Should.Throw<FactsException>(() => Facts.FromYaml("""
            lead: { type: company, rd_staf: 3, rd_expense_last_year: lots }
            co_builders: [{ name: 甲, kind: enterprise }]
            """, V));
        ex.Errors.ShouldContain(e => e.Contains("lead.type") && e.Contains("company"));
        ex.Errors.ShouldContain(e => e.Contains("lead.rd_staf"));
        ex.Errors.ShouldContain(e => e.Contains("lead.rd_expense_last_year") && e.Contains("应为数字"));
        ex.Errors.ShouldContain(e => e.Contains("co_builders") && e.Contains("kind"));
    }

    [Fact]
    public void Malformed_json_is_a_facts_error() =>
        Should.Throw<FactsException>(() => Facts.FromJson("{ not json", V));

    [Fact]
    public void Form_values_build_facts()
    {
        var f = Facts.From([new("team.rd_staff", 12), new("lead.software_industry", true), new("application.submitted_on", new DateOnly(2025, 1, 2))]);
        f.Number("team.rd_staff").ShouldBe(12m);
        f.Bool("lead.software_industry").ShouldBe(true);
        f.Date("application.submitted_on").ShouldBe(new DateOnly(2025, 1, 2));
        f.Validate(V).ShouldBeEmpty();
        f.With("team.rd_staff", null).Has("team.rd_staff").ShouldBeFalse();
    }

    [Fact]
    public void Percent_and_fraction_facts_are_ratios()
    {
        var f = Facts.FromYaml("lead: { debt_to_asset_ratio_last_year: 65% }\nbodies: { council: { major_decision_approval: 2/3 } }", V);
        f.Number("lead.debt_to_asset_ratio_last_year").ShouldBe(0.65m);
        f.Number("bodies.council.major_decision_approval")!.Value.ShouldBe(2m / 3m, 0.0000001m);
    }
}
