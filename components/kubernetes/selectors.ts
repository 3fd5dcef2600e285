import { ArgChecker, argNames } from "../shared/validation";

/** A Kubernetes label selector, as in a NetworkPolicy peer. */
export interface LabelSelector {
    /** Labels that must all match exactly. */
    matchLabels?: Record<string, string>;
    /** Set-based requirements: `In` and `NotIn` take values, `Exists` and `DoesNotExist` take none. */
    matchExpressions?: LabelSelectorRequirement[];
}

/** How a label selector requirement compares a label with its values (the schema enum `LabelSelectorOperator`). */
export const LabelSelectorOperator = {
    /** The label's value is one of `values`. */
    In: "In",
    /** The label is missing or its value is none of `values`. */
    NotIn: "NotIn",
    /** The label is present, whatever its value. */
    Exists: "Exists",
    /** The label is missing. */
    DoesNotExist: "DoesNotExist",
} as const;
/** One of the label selector operators. */
export type LabelSelectorOperator = (typeof LabelSelectorOperator)[keyof typeof LabelSelectorOperator];

/** One set-based requirement of a label selector. */
export interface LabelSelectorRequirement {
    /** The label key, e.g. `app.kubernetes.io/name`. */
    key: string;
    /** How the label compares with `values`. */
    operator: LabelSelectorOperator;
    /** Label values: one or more for `In` and `NotIn`, none for `Exists` and `DoesNotExist`. */
    values?: string[];
}

/** Who may connect to Redis: pods by label, namespaces by label, or pods by label within matching namespaces. */
export interface AllowedClient {
    /** Client pods. Without `namespaceSelector`, only pods in the Redis namespace match. */
    podSelector?: LabelSelector;
    /** Client namespaces. With `podSelector`, only those pods within them match. */
    namespaceSelector?: LabelSelector;
}

export const ALLOWED_CLIENT_ARG_NAMES = argNames<AllowedClient>()(["podSelector", "namespaceSelector"]);
export const LABEL_SELECTOR_ARG_NAMES = argNames<LabelSelector>()(["matchLabels", "matchExpressions"]);
const EXPRESSION_ARG_NAMES = argNames<LabelSelectorRequirement>()(["key", "operator", "values"]);

const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;
const OPERATORS: readonly LabelSelectorOperator[] = Object.values(LabelSelectorOperator);

/** Checks the client list: at least one client, and no selector that would match everything. */
export function validateAllowedClientsArgs(
    check: ArgChecker,
    clients: readonly AllowedClient[] | undefined,
    argName = "allowedClients",
): AllowedClient[] {
    const checked = check.nonEmpty(
        argName,
        clients,
        "one or more { podSelector?, namespaceSelector? } naming the client pods or namespaces",
    );
    checked.forEach((client, i) => {
        const arg = `${argName}[${i}]`;
        check.object(arg, client, ALLOWED_CLIENT_ARG_NAMES, "{ podSelector?, namespaceSelector? }");
        if (!client.podSelector && !client.namespaceSelector) {
            check.fail(arg, "has neither podSelector nor namespaceSelector", "a podSelector, a namespaceSelector, or both");
        }
        for (const field of ["podSelector", "namespaceSelector"] as const) {
            const selector = client[field];
            if (selector) validateSelector(check, `${arg}.${field}`, selector, field === "podSelector" ? "pod" : "namespace");
        }
    });
    return checked.map((client) => ({ ...client }));
}

function validateSelector(check: ArgChecker, arg: string, selector: LabelSelector, selects: "pod" | "namespace"): void {
    check.object(arg, selector, LABEL_SELECTOR_ARG_NAMES);
    const labels = Object.entries(check.record(`${arg}.matchLabels`, selector.matchLabels ?? {}, "an object of label keys and values"));
    const expressions = check.list(`${arg}.matchExpressions`, selector.matchExpressions ?? [], "a list of { key, operator, values? }");
    if (labels.length + expressions.length === 0) {
        check.fail(arg, "is empty, which matches everything", "matchLabels or matchExpressions that name the clients");
    }
    for (const [key, value] of labels) {
        check.matches(`${arg}.matchLabels key`, key, LABEL_KEY, 'a Kubernetes label key such as "app.kubernetes.io/name"');
        check.matches(
            `${arg}.matchLabels["${key}"]`,
            value,
            LABEL_VALUE,
            "a Kubernetes label value: up to 63 letters, digits, '-', '_' or '.'",
        );
    }
    expressions.forEach((expression, j) => {
        const at = `${arg}.matchExpressions[${j}]`;
        check.object(at, expression, EXPRESSION_ARG_NAMES);
        check.matches(`${at}.key`, expression.key, LABEL_KEY, "a Kubernetes label key");
        const operator = check.oneOf(`${at}.operator`, expression.operator, OPERATORS);
        const values = check.list(`${at}.values`, expression.values ?? [], "a list of label values");
        const needsValues = operator === "In" || operator === "NotIn";
        if (needsValues !== values.length > 0) {
            check.fail(
                `${at}.values`,
                needsValues ? "is empty" : "is given",
                needsValues ? `one or more label values for ${operator}` : `no values for ${operator}`,
            );
        }
        values.forEach((value, k) => check.matches(`${at}.values[${k}]`, value, LABEL_VALUE, "a Kubernetes label value"));
    });
    // Exists, NotIn and DoesNotExist alone admit every object that carries (or lacks) a label, and
    // Kubernetes gives every namespace a kubernetes.io/metadata.name label: only values name clients.
    if (labels.length === 0 && !expressions.some((expression) => expression?.operator === "In")) {
        check.fail(
            arg,
            `matches every ${selects} or every one but a few: Exists, NotIn and DoesNotExist only narrow a selection.`,
            "at least one matchLabels entry or In requirement that names the clients",
        );
    }
}
