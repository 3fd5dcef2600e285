// Every kind of transform on one topic: each appends its name to displayName, so the order shows.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

const appending = (name: string) => (args: pulumi.ResourceTransformArgs) =>
    args.type === "aws:sns/topic:Topic"
        ? { props: { ...args.props, displayName: `${args.props.displayName}>${name}` }, opts: args.opts }
        : undefined;

class Wrapper extends pulumi.ComponentResource {
    constructor(name: string, build: (parent: pulumi.Resource) => void, opts?: pulumi.ComponentResourceOptions) {
        super("test:index:Wrapper", name, {}, opts);
        build(this);
    }
}

pulumi.runtime.registerStackTransformation((args) =>
    args.type === "aws:sns/topic:Topic"
        ? { props: { ...args.props, displayName: `${args.props.displayName}>stack-transformation` }, opts: args.opts }
        : undefined,
);
pulumi.runtime.registerResourceTransform(appending("stack"));
new Wrapper(
    "outer",
    (outer) => {
        new Wrapper(
            "inner",
            (inner) => {
                new aws.sns.Topic(
                    "t",
                    { displayName: "start", kmsMasterKeyId: pulumi.secret("alias/k") },
                    { parent: inner, transforms: [appending("own")] },
                );
            },
            { parent: outer, transforms: [appending("inner")] },
        );
    },
    { transforms: [appending("outer")] },
);
new aws.sns.Topic(
    "untouched",
    { displayName: "start" },
    { transforms: [(args) => (args.type === "aws:sqs/queue:Queue" ? { props: {}, opts: args.opts } : undefined)] },
);
