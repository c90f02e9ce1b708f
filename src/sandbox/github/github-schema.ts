import { schema as published } from '@octokit/graphql-schema';
import {
  buildClientSchema,
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
  type IntrospectionQuery,
  specifiedRules,
  validate,
} from 'graphql';
import { connectionLimitRule } from './connection-rule.ts';

let built: GraphQLSchema | null = null;

/** GitHub's published GraphQL schema (`@octokit/graphql-schema`'s schema.json), built once. */
export function githubSchema(): GraphQLSchema {
  built ??= buildClientSchema(published.json as unknown as IntrospectionQuery);
  return built;
}

/** Validates a document as GitHub would: the spec's rules plus "every connection asks for 1–100 nodes". */
export function validateGithubQuery(document: DocumentNode): readonly GraphQLError[] {
  return validate(githubSchema(), document, [...specifiedRules, connectionLimitRule]);
}
