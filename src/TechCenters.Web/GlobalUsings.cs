// The case kernel's types (WorkflowActor, WorkflowResult, Case …) are used by every lifecycle area.
global using TechCenters.Web.Features.Cases;
