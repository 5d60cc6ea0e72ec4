import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../lib/types";
import { get, show, str, UNKNOWN } from "../lib/unknown";
import { forTypes } from "../lib/validation";

const FIX = 'Set metadataOptions: { httpTokens: "required" } (or httpEndpoint: "disabled" if nothing on the instance reads instance metadata).';

/**
 * Instances and launch templates must require IMDSv2 session tokens (AWS Security Hub EC2.8):
 * `metadataOptions.httpTokens` is "required", unless `httpEndpoint` is "disabled".
 *
 * Verdicts: an unset httpTokens is reported (AWS then falls back to the AMI's or the account's default,
 * which is "optional" unless someone changed it). An unknown httpTokens (or metadataOptions) is reported
 * too, since it may turn out to be "optional": the setting should be a literal. An Instance that sets
 * `launchTemplate` and no `metadataOptions` is not reported: it takes the template's metadata options,
 * which this policy checks on the LaunchTemplate itself.
 */
export const ec2Imdsv2Required: ResourceValidationPolicy = {
    name: "ec2-imdsv2-required",
    description:
        "EC2 instances and launch templates must require IMDSv2 (metadataOptions.httpTokens \"required\") " +
        "unless the metadata endpoint is disabled: IMDSv1 lets an SSRF bug or an open proxy on the instance " +
        "steal its IAM role credentials (AWS Security Hub EC2.8).",
    enforcementLevel: "mandatory",
    validateResource: forTypes([T.Instance, T.LaunchTemplate], (args, reportViolation) => {
        const options = get(args.props, "metadataOptions");
        if (options === undefined && args.type === T.Instance && get(args.props, "launchTemplate") !== undefined) {
            return;
        }
        const endpoint = str(get(options, "httpEndpoint"));
        if (typeof endpoint === "string" && endpoint.trim().toLowerCase() === "disabled") {
            return;
        }
        const tokens = str(get(options, "httpTokens"));
        if (typeof tokens === "string" && tokens.trim().toLowerCase() === "required") {
            return;
        }
        if (tokens === UNKNOWN) {
            reportViolation(`metadataOptions.httpTokens is unknown during preview, so IMDSv1 may stay enabled. ${FIX}`);
        } else if (tokens === undefined) {
            reportViolation(
                "metadataOptions.httpTokens is not set, so AWS applies the AMI or account default, which is usually " +
                `"optional" (IMDSv1 enabled). ${FIX}`,
            );
        } else {
            reportViolation(`metadataOptions.httpTokens is ${show(tokens)}, so IMDSv1 is enabled. ${FIX}`);
        }
    }),
};
