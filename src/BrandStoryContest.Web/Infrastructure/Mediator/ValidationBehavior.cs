using FluentValidation;
using Mediator;

namespace BrandStoryContest.Web.Infrastructure.Mediator;

/// <summary>Runs the slice's validator (if it has one) before its handler; a failure never reaches the handler.</summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct)
    {
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, ct);
            if (!result.IsValid) throw new ValidationException(result.Errors);
        }
        return await next(message, ct);
    }
}
