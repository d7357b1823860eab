namespace TechCenters.Web.Tests; public class Smoke { [Xunit.Fact] public void Builds() => Xunit.Assert.Equal(2, 1+1); }
