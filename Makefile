# Thin wrappers over dotnet; the README shows the same commands.
.PHONY: run test lint format bench publish

run:
	dotnet run --project src/DailyPapers

test:
	scripts/test.sh

lint:
	dotnet format DailyPapers.slnx --verify-no-changes

format:
	dotnet format DailyPapers.slnx

bench:
	dotnet run -c Release --project bench/DailyPapers.Benchmarks

publish:
	dotnet publish src/DailyPapers -c Release -o artifacts/publish
