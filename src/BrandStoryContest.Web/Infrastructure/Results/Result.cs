using BrandStoryContest.Web.Domain;

namespace BrandStoryContest.Web.Infrastructure.Results;

/// <summary>How a use case ended: done, not found (which also means "not yours": a handler never tells a caller
/// that someone else's id exists), or refused because the request broke one or more rules.</summary>
public enum Outcome { Ok, NotFound, Refused }

/// <summary>
/// The one answer every handler gives. Handlers return a value, a <see cref="RuleViolation"/>,
/// <see cref="Result.NotFound"/> or <see cref="Result.Refuse(RuleViolation[])"/>, and the implicit conversions
/// below make that the result; controllers turn it into a response with <see cref="ResultResponses"/>, the one
/// place where refusals become messages in the reader's language.
/// </summary>
public sealed class Result<T>
{
    private readonly T? _value;

    private Result(Outcome outcome, T? value, IReadOnlyList<RuleViolation> violations) =>
        (Outcome, _value, Violations) = (outcome, value, violations);

    public Outcome Outcome { get; }
    public bool IsOk => Outcome == Outcome.Ok;
    public IReadOnlyList<RuleViolation> Violations { get; }

    /// <summary>The value of a result that is ok; asking a refusal for its value is a bug in the caller.</summary>
    public T Value => Outcome == Outcome.Ok ? _value! : throw new InvalidOperationException($"A {Outcome} result has no value.");

    public static Result<T> Ok(T value) => new(Outcome.Ok, value, []);
    public static readonly Result<T> NotFound = new(Outcome.NotFound, default, []);
    public static Result<T> Refused(IReadOnlyList<RuleViolation> violations) =>
        violations.Count == 0 ? throw new ArgumentException("A refusal names at least one broken rule.", nameof(violations))
            : new(Outcome.Refused, default, violations);

    public static implicit operator Result<T>(T value) => Ok(value);
    public static implicit operator Result<T>(RuleViolation violation) => Refused([violation]);
    public static implicit operator Result<T>(Result.NotFoundMarker _) => NotFound;
    public static implicit operator Result<T>(Result.Refusal refusal) => Refused(refusal.Violations);

    /// <summary>The same outcome with another value: for a handler that passes on what another step refused.</summary>
    public Result<TOther> Map<TOther>(Func<T, TOther> map) => Outcome switch
    {
        Outcome.Ok => Result<TOther>.Ok(map(_value!)),
        Outcome.NotFound => Result<TOther>.NotFound,
        _ => Result<TOther>.Refused(Violations),
    };
}

public static class Result
{
    /// <summary>Nothing to hand back but "done" (a write whose caller only needs to know it happened).</summary>
    public readonly record struct Done;

    public readonly struct NotFoundMarker;

    public readonly record struct Refusal(IReadOnlyList<RuleViolation> Violations);

    public static NotFoundMarker NotFound => default;
    public static Result<Done> Ok() => Result<Done>.Ok(default);

    /// <summary>For values the implicit conversion can't take (interfaces such as IReadOnlyList).</summary>
    public static Result<T> Ok<T>(T value) => Result<T>.Ok(value);

    public static Refusal Refuse(params RuleViolation[] violations) => new(violations);
    public static Refusal Refuse(IEnumerable<RuleViolation> violations) => new(violations.ToList());

    /// <summary>A refusal of the whole request (no single field): key is the English text, args fill its {0}, {1}…</summary>
    public static Refusal Refuse(string key, params object[] args) => new([new RuleViolation("", key, args)]);
}
