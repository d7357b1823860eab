using TechCenters.Policy.Rules;

namespace TechCenters.Policy.Tests;

/// <summary>The suite every pack in policies/ passes: loads, cites, states every checklist topic, no overlaps, a sound lifecycle.</summary>
public class ConformanceTests
{
    public static TheoryData<string> Packs()
    {
        var data = new TheoryData<string>();
        foreach (var p in Catalogs.Repo.Packs) data.Add(p.Folder);
        return data;
    }

    private static PolicyPack Pack(string folder) => Catalogs.Repo.Packs.Single(p => p.Folder == folder);

    [Theory, MemberData(nameof(Packs))]
    public void Metadata_is_complete(string folder)
    {
        var p = Pack(folder);
        p.Title.ShouldNotBeNullOrWhiteSpace();
        p.Issuer.ShouldNotBeNullOrWhiteSpace();
        p.Level.ShouldNotBeNullOrWhiteSpace();
        p.InForceFromArticle.ShouldNotBeNullOrWhiteSpace();
        (p.DocumentNumber.Value ?? p.DocumentNumber.Note).ShouldNotBeNullOrWhiteSpace();
        (p.Replaces.Value ?? p.Replaces.Note).ShouldNotBeNullOrWhiteSpace();
        if (p.InForceFromBasis != "stated") p.InForceNote.ShouldNotBeNullOrWhiteSpace();
        folder.ShouldEndWith(p.Version);
    }

    [Theory, MemberData(nameof(Packs))]
    public void Every_rule_cites_its_article(string folder)
    {
        foreach (var r in Pack(folder).Rules)
        {
            if (r is AbsentRule) { r.Note.ShouldNotBeNullOrWhiteSpace(r.Id); continue; }
            r.Article.ShouldNotBeNullOrWhiteSpace(r.Id);
            r.Title.ShouldNotBeNullOrWhiteSpace(r.Id);
            switch (r)
            {
                case StagesRule s:
                    s.Stages.ShouldAllBe(x => !string.IsNullOrWhiteSpace(x.Article));
                    s.Transitions.ShouldAllBe(x => !string.IsNullOrWhiteSpace(x.Article));
                    break;
                case GradeBandsRule g: g.Bands.ShouldAllBe(b => !string.IsNullOrWhiteSpace(b.Article)); break;
                case ThresholdRule t: t.Relaxations.ShouldAllBe(x => !string.IsNullOrWhiteSpace(x.Article)); break;
                case RatioRule t: t.Relaxations.ShouldAllBe(x => !string.IsNullOrWhiteSpace(x.Article)); break;
                case ReviewChainRule c: c.Alternatives.ShouldAllBe(x => !string.IsNullOrWhiteSpace(x.Article)); break;
            }
        }
    }

    [Theory, MemberData(nameof(Packs))]
    public void Nothing_is_left_unstated(string folder)
    {
        var p = Pack(folder);
        foreach (var (area, topics) in Catalogs.Repo.Vocabulary.Checklist)
            foreach (var topic in topics.Keys)
                p.Rules.ShouldContain(r => r.Area == area && r.Topic == topic, $"{area}/{topic}");
    }

    [Theory, MemberData(nameof(Packs))]
    public void Lifecycle_is_reachable_and_every_non_final_stage_has_a_way_out(string folder)
    {
        var stages = Pack(folder).Stages;
        stages.ShouldNotBeNull();
        stages.Unreachable().ShouldBeEmpty();
        stages.DeadEnds().ShouldBeEmpty();
        stages.Stages.ShouldContain(s => s.Final);
    }

    [Theory, MemberData(nameof(Packs))]
    public void Every_stage_says_what_it_is_and_the_lifecycle_has_one_application_and_a_final_approval(string folder)
    {
        var stages = Pack(folder).Stages.ShouldNotBeNull();
        stages.Stages.ShouldAllBe(s => StageSteps.All.Contains(s.Step));
        stages.AllOf(StageSteps.Application).ShouldHaveSingleItem().Actor.ShouldBe("lead_unit");
        stages.AllOf(StageSteps.Approval).ShouldNotBeEmpty();
        stages.AllOf(StageSteps.Approval).ShouldAllBe(s => s.Final);
        stages.AllOf(StageSteps.Rejection).ShouldAllBe(s => s.Final);
        stages.Stages.Where(s => s.Final).ShouldAllBe(s => s.IsApproval || s.IsRejection);
        stages.Start.ShouldNotBeNull().Step.ShouldBe(StageSteps.Call);
    }

    [Theory, MemberData(nameof(Packs))]
    public void Stages_are_in_lifecycle_order_and_every_actor_is_a_vocabulary_actor_the_pack_names(string folder)
    {
        var pack = Pack(folder);
        var stages = pack.Stages.ShouldNotBeNull();
        var index = stages.Stages.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i);
        foreach (var t in stages.Transitions)
        {
            index[t.To].ShouldBeGreaterThan(index[t.From], $"{t.From} → {t.To}");
            Catalogs.Repo.Vocabulary.Actors.Keys.ShouldContain(t.Actor);
            pack.Actors.Keys.ShouldContain(t.Actor);
        }
        foreach (var s in stages.Stages) pack.Actors.Keys.ShouldContain(s.Actor);
        // Public notice, where there is one, comes after the decision or review it announces and before approval.
        if (stages.FirstOf(StageSteps.PublicNotice) is { } notice)
            index[notice.Id].ShouldBeLessThan(index[stages.FirstOf(StageSteps.Approval)!.Id]);
    }

    [Theory, MemberData(nameof(Packs))]
    public void Every_fact_a_rule_reads_is_in_the_vocabulary(string folder)
    {
        var v = Catalogs.Repo.Vocabulary;
        foreach (var r in Pack(folder).Rules)
            foreach (var f in r.FactsRead.Where(f => !f.EndsWith(".*")))
                v.Fact(f).ShouldNotBeNull($"{r.Id}: {f}");
    }

    [Theory, MemberData(nameof(Packs))]
    public void Evaluating_with_no_facts_never_fails_only_asks(string folder)
    {
        // With nothing known, a pack can ask for facts (NeedsJudgement) but must not reject anyone.
        Pack(folder).Evaluate(Facts.Empty).Reasons.ShouldAllBe(r => r.Outcome != Outcome.Fail);
    }

    [Fact]
    public void Versions_of_a_jurisdiction_do_not_overlap()
    {
        foreach (var j in Catalogs.Repo.Jurisdictions)
        {
            var versions = Catalogs.Repo.Versions(j);
            for (var i = 0; i + 1 < versions.Count; i++)
                versions[i].EffectiveTo.ShouldNotBeNull().ShouldBeLessThan(versions[i + 1].InForceFrom);
        }
    }
}
