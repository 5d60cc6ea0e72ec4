// Small building blocks for resource validations.
import { ReportViolation, ResourceValidation, ResourceValidationArgs } from "@pulumi/policy";

/**
 * Runs `validate` only for resources of the given types and marks the policy not applicable to every
 * other resource (shown as such in the engine's policy summary).
 */
export function forTypes(
    types: readonly string[],
    validate: (args: ResourceValidationArgs, reportViolation: ReportViolation) => void,
): ResourceValidation {
    return (args, reportViolation) => {
        if (!types.includes(args.type)) {
            args.notApplicable(`applies only to ${types.join(", ")}`);
        }
        validate(args, reportViolation);
    };
}

/**
 * A list-valued policy config property. The CLI fills in the schema default before it calls Configure,
 * but the fallback keeps the policy correct when no config was sent at all (e.g. an older CLI).
 */
export function configList<T>(args: { getConfig<C extends object>(): C }, key: string, fallback: readonly T[], isItem: (v: unknown) => v is T): readonly T[] {
    const value = (args.getConfig<Record<string, unknown>>())[key];
    return Array.isArray(value) ? value.filter(isItem) : fallback;
}
