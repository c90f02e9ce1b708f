import {
  type ArgumentNode,
  type ASTVisitor,
  GraphQLError,
  getNamedType,
  Kind,
  type ValidationContext,
} from 'graphql';

/** The most nodes one connection may ask for (GitHub's node limit rule). */
export const maxPageSize = 100;

/** True for a GitHub connection type (`IssueConnection`, `ProjectV2ItemConnection`…). */
export function isConnectionTypeName(name: string): boolean {
  return name.endsWith('Connection');
}

function pageArgument(args: readonly ArgumentNode[] | undefined): ArgumentNode | undefined {
  return args?.find((a) => a.name.value === 'first' || a.name.value === 'last');
}

/**
 * GitHub's node limit, as a validation rule: every connection field must be given `first` or `last`,
 * and a literal value must be within 1–100 (variable values are checked when the query runs).
 */
export function connectionLimitRule(context: ValidationContext): ASTVisitor {
  return {
    Field(node) {
      const type = context.getType();
      if (!type || !isConnectionTypeName(getNamedType(type).name)) return;
      const arg = pageArgument(node.arguments);
      if (!arg) {
        context.reportError(
          new GraphQLError(
            `You must provide a \`first\` or \`last\` value to properly paginate the \`${node.name.value}\` connection.`,
            { nodes: node },
          ),
        );
        return;
      }
      if (arg.value.kind !== Kind.INT) return;
      const value = Number(arg.value.value);
      if (value < 1 || value > maxPageSize) {
        context.reportError(
          new GraphQLError(
            `Requesting ${value} records on the \`${node.name.value}\` connection exceeds the \`${arg.name.value}\` limit of ${maxPageSize} records.`,
            { nodes: arg },
          ),
        );
      }
    },
  };
}
