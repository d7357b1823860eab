#!/usr/bin/env bash
# Adds an EF Core migration for both providers from the current model (ADR 0007): ./scripts/add-migration.sh CaseKernel
# Data moves that the model cannot express go into the generated Up() as migrationBuilder.Sql(...), per provider.
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?"用法: scripts/add-migration.sh <迁移名称>"}
dotnet tool restore >/dev/null
for p in Sqlite Postgres; do
  dotnet ef migrations add "$name" --project src/TechCenters.Web --context "${p}DbContext" --output-dir "Data/Migrations/$p"
done
