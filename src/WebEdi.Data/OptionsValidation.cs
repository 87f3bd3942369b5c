using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace WebEdi.Data;

/// <summary>
/// Options bound from a named section and validated at start-up by a function that returns one message per problem,
/// each naming its full configuration key (<c>WebEdi:Database:ConnectionString is required …</c>).
/// </summary>
public static class OptionsValidation
{
    public static OptionsBuilder<T> AddValidatedOptions<T>(
        this IServiceCollection services, IConfiguration configuration, string section, Func<T, IEnumerable<string>> validate)
        where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new MessageValidator<T>(validate));
        return services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
    }

    private sealed class MessageValidator<T>(Func<T, IEnumerable<string>> validate) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var failures = validate(options).ToList();
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
