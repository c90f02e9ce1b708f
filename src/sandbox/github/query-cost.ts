import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { isConnectionTypeName, maxPageSize } from './connection-rule.ts';

/** What a query costs on GitHub's scale, and whether its page sizes are allowed. */
export interface QueryCost {
  /** Rate-limit points: requests needed for every connection, divided by 100, rounded, at least 1. */
  cost: number;
  /** The most nodes the query may return. */
  nodeCount: number;
  /** Page sizes out of 1–100 (from variables), as GitHub words them. */
  problems: string[];
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  requests: number;
  nodes: number;
  problems: string[];
}

function pageSize(field: FieldNode, walk: Walk): number | null {
  const arg = field.arguments?.find((a) => a.name.value === 'first' || a.name.value === 'last');
  if (!arg) return null;
  const value: ValueNode = arg.value;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const given = walk.variables[value.name.value];
    return typeof given === 'number' ? given : null;
  }
  return null;
}

function walkSelections(
  set: SelectionSetNode,
  type: GraphQLCompositeType,
  multiplier: number,
  walk: Walk,
): void {
  for (const selection of set.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition
        ? walk.schema.getType(selection.typeCondition.name.value)
        : type;
      if (condition && isCompositeType(condition))
        walkSelections(selection.selectionSet, condition, multiplier, walk);
      continue;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = walk.fragments.get(selection.name.value);
      const condition = fragment && walk.schema.getType(fragment.typeCondition.name.value);
      if (fragment && condition && isCompositeType(condition))
        walkSelections(fragment.selectionSet, condition, multiplier, walk);
      continue;
    }
    walkField(selection, type, multiplier, walk);
  }
}

function walkField(field: FieldNode, parent: GraphQLCompositeType, multiplier: number, walk: Walk): void {
  if (!field.selectionSet || !(isObjectType(parent) || isInterfaceType(parent))) return;
  const definition = parent.getFields()[field.name.value];
  if (!definition) return;
  const type = getNamedType(definition.type);
  if (!isCompositeType(type)) return;
  let inner = multiplier;
  if (isConnectionTypeName(type.name)) {
    const size = pageSize(field, walk) ?? maxPageSize;
    if (size < 1 || size > maxPageSize)
      walk.problems.push(
        `Requesting ${size} records on the \`${field.name.value}\` connection exceeds the \`first\` limit of ${maxPageSize} records.`,
      );
    walk.requests += multiplier;
    inner = multiplier * size;
    walk.nodes += inner;
  }
  walkSelections(field.selectionSet, type, inner, walk);
}

/** GitHub's published cost formula applied to one operation of `document`. */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName?: string,
): QueryCost {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation =
    operations.find((o) => !operationName || o.name?.value === operationName) ?? operations[0];
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  const walk: Walk = { schema, fragments, variables, requests: 0, nodes: 0, problems: [] };
  const root = operation?.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (operation && root) walkSelections(operation.selectionSet, root, 1, walk);
  return {
    cost: Math.max(1, Math.round(walk.requests / 100)),
    nodeCount: walk.nodes,
    problems: walk.problems,
  };
}
