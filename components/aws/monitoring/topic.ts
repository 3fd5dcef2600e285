import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ArgChecker, argNames } from "../../shared/validation";

/** Where alarms and ElastiCache events are delivered. */
export interface NotificationsArgs {
    /**
     * An existing standard SNS topic, in the cache's region, instead of the topic the component creates.
     * If it is encrypted, its key must let cloudwatch.amazonaws.com and elasticache.amazonaws.com use it.
     */
    topicArn?: pulumi.Input<string>;
    /** Email addresses to subscribe; each confirms through the email AWS sends. */
    emails?: pulumi.Input<string>[];
    /**
     * HTTPS endpoints to subscribe, such as a paging service's integration URL. They are kept as secrets,
     * since such URLs often carry a key. The endpoint must confirm the subscription (paging services do).
     */
    httpsEndpoints?: pulumi.Input<string>[];
}

export const NOTIFICATIONS_ARG_NAMES = argNames<NotificationsArgs>()(["topicArn", "emails", "httpsEndpoints"]);

export interface NotificationSettings {
    topicArn?: pulumi.Input<string>;
    emails: pulumi.Input<string>[];
    httpsEndpoints: pulumi.Input<string>[];
}

/** Standard topics only: CloudWatch alarms and ElastiCache cannot publish to FIFO topics. */
const STANDARD_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function isHttpsUrl(value: string): boolean {
    try {
        const url = new URL(value);
        return url.protocol === "https:" && url.hostname !== "";
    } catch {
        return false;
    }
}

/** Checks the topic ARN and subscription endpoints, now or once they resolve. */
export function validateNotificationsArgs(check: ArgChecker, args: NotificationsArgs = {}): NotificationSettings {
    check.object("notifications", args, NOTIFICATIONS_ARG_NAMES);
    const topicArn =
        args.topicArn === undefined
            ? undefined
            : check.whenKnown(args.topicArn, (arn) => {
                  check.matches(
                      "notifications.topicArn",
                      arn,
                      STANDARD_TOPIC_ARN,
                      'the ARN of a standard (not FIFO) SNS topic, "arn:aws:sns:<region>:<account>:<name>"',
                  );
              });
    const emails = (args.emails ?? []).map((email, i) =>
        check.whenKnown(email, (address) => {
            check.matches(`notifications.emails[${i}]`, address, EMAIL, "an email address such as ops@example.com");
        }),
    );
    const httpsEndpoints = (args.httpsEndpoints ?? []).map((endpoint, i) =>
        check.whenKnown(endpoint, (url) => {
            // The value stays out of the message: such URLs often carry an integration key.
            if (!isHttpsUrl(url))
                check.fail(`notifications.httpsEndpoints[${i}]`, "is not an https URL (value not shown)", "an https:// URL");
        }),
    );
    return { topicArn, emails, httpsEndpoints };
}

export interface NotificationTopicResourceArgs {
    replicationGroupId: string;
    kmsKeyArn: pulumi.Input<string>;
    settings: NotificationSettings;
    tags: pulumi.Input<Record<string, string>>;
    region?: pulumi.Input<string>;
}

/**
 * The topic that alarms and ElastiCache events go to: the given one, or a new one encrypted with the
 * cache's key; plus the requested email and https subscriptions. Returns the topic ARN.
 */
export function createNotificationTopic(name: string, args: NotificationTopicResourceArgs, parent: pulumi.Resource): pulumi.Output<string> {
    const opts = { parent };
    const topicArn =
        args.settings.topicArn === undefined
            ? new aws.sns.Topic(
                  `${name}-notifications`,
                  {
                      name: `${args.replicationGroupId}-notifications`,
                      displayName: `Redis ${args.replicationGroupId}`,
                      kmsMasterKeyId: args.kmsKeyArn,
                      signatureVersion: 2,
                      region: args.region,
                      tags: args.tags,
                  },
                  opts,
              ).arn
            : pulumi.output(args.settings.topicArn);
    const subscribe = (protocol: "email" | "https", endpoint: pulumi.Input<string>, i: number) =>
        new aws.sns.TopicSubscription(`${name}-${protocol}-${i}`, { topic: topicArn, protocol, endpoint, region: args.region }, opts);
    args.settings.emails.forEach((email, i) => subscribe("email", email, i));
    args.settings.httpsEndpoints.forEach((url, i) => subscribe("https", pulumi.secret(url), i));
    return topicArn;
}
