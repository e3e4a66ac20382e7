using System.Globalization;

namespace DailyPapers.Ingest;

/// <summary>
/// Names where the records of one input start: <c>file:line</c>. A minified JSON or XML response
/// holds a whole page on one line, so a record that starts on the same line as the record before it
/// also gets its column (<c>file:1:5012</c>): every record keeps a place of its own.
/// </summary>
internal sealed class RecordLocations(string fileName)
{
    private int _lastLine;

    public string Start(int line, int column)
    {
        var shared = line == _lastLine;
        _lastLine = line;
        return shared
            ? string.Create(CultureInfo.InvariantCulture, $"{fileName}:{line}:{column}")
            : Line(line);
    }

    /// <summary>A place that is not a record's start, such as where the input breaks off.</summary>
    public string Line(int line) => string.Create(CultureInfo.InvariantCulture, $"{fileName}:{line}");
}
