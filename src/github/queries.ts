import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The folder of the program under the package root (package.json) that holds `file`: src/ when it
 * runs from the sources, dist/ when compiled, whether as dist/github/queries.js or bundled into
 * dist/main.js or a chunk of it. The GraphQL documents are under its github/.
 */
function programDir(file: string): string {
  for (let dir = dirname(file); dirname(dir) !== dir; dir = dirname(dir))
    if (existsSync(join(dirname(dir), 'package.json'))) return dir;
  throw new Error(`${file}: no package.json in any folder above it`);
}

const githubDir = join(programDir(fileURLToPath(import.meta.url)), 'github');

/**
 * The GraphQL documents in `queries/*.graphql`, by file name without the extension, and a zod
 * schema for each answer: GitHub's answer is checked before anything reads it.
 */
export const queriesDir = join(githubDir, 'queries');

export const queryNames = [
  'sync-probe',
  'milestones',
  'milestone-issues',
  'labeled-issues',
  'opted-in-elsewhere',
  'board-items',
  'keps-tree',
  'blobs',
  'issue-target',
  'add-labels',
  'remove-labels',
  'set-milestone',
  'add-comment',
  'board-target',
  'set-board-field',
  'kep-issue-pulls',
  'pull-request',
  'pull-search',
  'issue-search',
  'pulls-by-number',
] as const;
export type QueryName = (typeof queryNames)[number];

export const fragmentsDir = join(githubDir, 'fragments');

function readGraphqlDir(dir: string): Map<string, string> {
  const files = readdirSync(dir).filter((f) => f.endsWith('.graphql'));
  return new Map(files.map((f) => [f.replace(/\.graphql$/, ''), readFileSync(join(dir, f), 'utf8')]));
}

/** The shared fragments of `fragments/` (`RateLimit`…), by fragment name. */
export function readFragments(): Map<string, string> {
  const byName = new Map<string, string>();
  for (const text of readGraphqlDir(fragmentsDir).values()) {
    for (const match of text.matchAll(/^fragment\s+(\w+)/gm)) byName.set(match[1]!, text);
  }
  return byName;
}

/** A document with the shared fragments it spreads appended, as GitHub must receive it. */
export function withFragments(text: string, fragments: Map<string, string>): string {
  const used = [...fragments.entries()].filter(([name]) => new RegExp(`\\.\\.\\.${name}\\b`).test(text));
  return [text, ...new Set(used.map(([, fragment]) => fragment))].join('\n');
}

/**
 * Every `.graphql` file in `queries/`, by name, each with the fragments it uses (the test validates
 * each against GitHub's schema).
 */
export function readQueryFiles(): Map<string, string> {
  const fragments = readFragments();
  const files = readGraphqlDir(queriesDir);
  return new Map([...files].map(([name, text]) => [name, withFragments(text, fragments)]));
}

const files = readQueryFiles();

/** The text of a named query. */
export function queryText(name: QueryName): string {
  const text = files.get(name);
  if (text === undefined) throw new Error(`src/github/queries/${name}.graphql is missing`);
  return text;
}

export const rateLimitSchema = z.object({
  cost: z.number(),
  remaining: z.number(),
  resetAt: z.string(),
  limit: z.number(),
});

const pageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });

const issueNode = z.object({
  number: z.number().int().positive(),
  title: z.string(),
  state: z.enum(['OPEN', 'CLOSED']),
  updatedAt: z.string(),
  milestone: z.object({ title: z.string() }).nullable(),
  labels: z.object({ nodes: z.array(z.object({ name: z.string() }).nullable()) }).nullable(),
});
export type IssueNode = z.infer<typeof issueNode>;

const issuePage = z.object({ pageInfo, nodes: z.array(issueNode.nullable()) });

const fieldName = z.object({ name: z.string() }).partial().nullable().optional();
const fieldValue = z
  .object({
    __typename: z.string(),
    name: z.string().nullable().optional(),
    text: z.string().nullable().optional(),
    date: z.string().nullable().optional(),
    number: z.number().nullable().optional(),
    field: fieldName,
  })
  .nullable();

const boardItem = z.object({
  id: z.string(),
  updatedAt: z.string(),
  isArchived: z.boolean(),
  content: z
    .object({
      __typename: z.string(),
      number: z.number().optional(),
      repository: z.object({ nameWithOwner: z.string() }).optional(),
    })
    .nullable(),
  fieldValues: z.object({ nodes: z.array(fieldValue) }),
});
export type BoardItemNode = z.infer<typeof boardItem>;

interface TreeNode {
  name: string;
  type: string;
  oid: string;
  object: { id: string; entries?: TreeNode[] | null | undefined } | null;
}
const treeEntry: z.ZodType<TreeNode> = z.lazy(() =>
  z.object({
    name: z.string(),
    type: z.string(),
    oid: z.string(),
    object: z.object({ id: z.string(), entries: z.array(treeEntry).nullable().optional() }).nullable(),
  }),
);
export type TreeEntryNode = TreeNode;

const pullRequestNode = z.object({
  number: z.number().int().positive(),
  title: z.string(),
  url: z.string(),
  state: z.enum(['OPEN', 'CLOSED', 'MERGED']),
  mergedAt: z.string().nullable(),
  body: z.string(),
  repository: z.object({ nameWithOwner: z.string() }),
  milestone: z.object({ title: z.string() }).nullable(),
  labels: z.object({ nodes: z.array(z.object({ name: z.string() }).nullable()) }).nullable(),
});
export type PullRequestNode = z.infer<typeof pullRequestNode>;

/** A search hit or a cross-reference source: a pull request, or another kind with only `__typename`. */
const maybePull = z.union([
  pullRequestNode.extend({ __typename: z.literal('PullRequest') }),
  z.object({ __typename: z.string().refine((t) => t !== 'PullRequest', 'a pull request lacks fields') }),
]);
export type MaybePullNode = z.infer<typeof maybePull>;

/** How many pull requests `pulls-by-number` reads in one request (its slots `p0`…). */
export const pullsPerRequest = 10;

/** An issue search hit: an issue (number, update time, repository), or another kind. */
const maybeIssue = z.union([
  z.object({
    __typename: z.literal('Issue'),
    number: z.number().int().positive(),
    updatedAt: z.string(),
    repository: z.object({ nameWithOwner: z.string() }),
  }),
  z.object({ __typename: z.string().refine((t) => t !== 'Issue', 'an issue lacks fields') }),
]);

/** The answer schema of each query (`data`, after GitHub's envelope is removed). */
export const answerSchemas = {
  'sync-probe': z.object({
    rateLimit: rateLimitSchema,
    repository: z.object({ object: z.object({ oid: z.string() }).nullable() }).nullable(),
    organization: z
      .object({ projectV2: z.object({ updatedAt: z.string() }).nullable() })
      .nullable()
      .optional(),
  }),
  milestones: z.object({
    rateLimit: rateLimitSchema,
    repository: z
      .object({
        milestones: z.object({
          nodes: z.array(z.object({ number: z.number(), title: z.string() }).nullable()),
        }),
      })
      .nullable(),
  }),
  'milestone-issues': z.object({
    rateLimit: rateLimitSchema,
    repository: z.object({ milestone: z.object({ issues: issuePage }).nullable() }).nullable(),
  }),
  'labeled-issues': z.object({
    rateLimit: rateLimitSchema,
    repository: z.object({ issues: issuePage }).nullable(),
  }),
  'opted-in-elsewhere': z.object({
    rateLimit: rateLimitSchema,
    search: z.object({
      issueCount: z.number(),
      pageInfo,
      // is:issue: every node is an Issue (an empty object would be anything else)
      nodes: z.array(z.union([issueNode, z.object({}).strict()]).nullable()),
    }),
  }),
  'board-items': z.object({
    rateLimit: rateLimitSchema,
    organization: z
      .object({
        projectV2: z
          .object({
            updatedAt: z.string(),
            fields: z.object({ nodes: z.array(fieldName) }),
            items: z.object({ pageInfo, nodes: z.array(boardItem.nullable()) }),
          })
          .nullable(),
      })
      .nullable(),
  }),
  'keps-tree': z.object({
    rateLimit: rateLimitSchema,
    repository: z
      .object({
        object: z.object({ oid: z.string(), entries: z.array(treeEntry).nullable().optional() }).nullable(),
      })
      .nullable(),
  }),
  blobs: z.object({
    rateLimit: rateLimitSchema,
    nodes: z.array(
      z
        .object({
          id: z.string().optional(),
          oid: z.string().optional(),
          isTruncated: z.boolean().optional(),
          text: z.string().nullable().optional(),
        })
        .nullable(),
    ),
  }),
  'issue-target': z.object({
    rateLimit: rateLimitSchema,
    repository: z
      .object({
        issue: z
          .object({
            id: z.string(),
            labels: z.object({ nodes: z.array(z.object({ name: z.string() }).nullable()) }).nullable(),
            milestone: z.object({ title: z.string() }).nullable(),
            comments: z.object({
              nodes: z.array(z.object({ body: z.string(), viewerDidAuthor: z.boolean() }).nullable()),
            }),
          })
          .nullable(),
        label: z.object({ id: z.string() }).nullable(),
        milestones: z.object({
          nodes: z.array(z.object({ id: z.string(), title: z.string() }).nullable()),
        }),
      })
      .nullable(),
  }),
  'board-target': z.object({
    organization: z
      .object({
        projectV2: z
          .object({
            id: z.string(),
            fields: z.object({
              nodes: z
                .array(
                  z
                    .object({
                      id: z.string().optional(),
                      name: z.string().optional(),
                      dataType: z.string().optional(),
                      options: z.array(z.object({ id: z.string(), name: z.string() })).optional(),
                    })
                    .nullable(),
                )
                .nullable(),
            }),
          })
          .nullable(),
      })
      .nullable(),
  }),
  'set-board-field': z.object({
    updateProjectV2ItemFieldValue: z
      .object({ projectV2Item: z.object({ id: z.string() }).nullable() })
      .nullable(),
  }),
  'add-labels': z.object({
    addLabelsToLabelable: z
      .object({ labelable: z.object({ number: z.number().optional() }).nullable() })
      .nullable(),
  }),
  'remove-labels': z.object({
    removeLabelsFromLabelable: z
      .object({ labelable: z.object({ number: z.number().optional() }).nullable() })
      .nullable(),
  }),
  'set-milestone': z.object({
    updateIssue: z.object({ issue: z.object({ number: z.number() }).nullable() }).nullable(),
  }),
  'add-comment': z.object({
    addComment: z
      .object({ commentEdge: z.object({ node: z.object({ id: z.string() }).nullable() }).nullable() })
      .nullable(),
  }),
  'kep-issue-pulls': z.object({
    rateLimit: rateLimitSchema,
    repository: z
      .object({
        issue: z
          .object({
            number: z.number(),
            body: z.string(),
            timelineItems: z.object({
              pageInfo,
              nodes: z.array(z.object({ source: maybePull.nullable().optional() }).nullable()),
            }),
          })
          .nullable(),
      })
      .nullable(),
  }),
  'pull-request': z.object({
    rateLimit: rateLimitSchema,
    repository: z.object({ pullRequest: pullRequestNode.nullable() }).nullable(),
  }),
  'pull-search': z.object({
    rateLimit: rateLimitSchema,
    search: z.object({
      issueCount: z.number(),
      pageInfo,
      nodes: z.array(z.intersection(maybePull, z.object({ updatedAt: z.string().optional() })).nullable()),
    }),
  }),
  'pulls-by-number': z.object({
    rateLimit: rateLimitSchema,
    repository: z
      .object(
        Object.fromEntries(
          Array.from({ length: pullsPerRequest }, (_, i) => [`p${i}`, pullRequestNode.nullable().optional()]),
        ),
      )
      .nullable(),
  }),
  'issue-search': z.object({
    rateLimit: rateLimitSchema,
    search: z.object({ issueCount: z.number(), pageInfo, nodes: z.array(maybeIssue.nullable()) }),
  }),
} satisfies Record<QueryName, z.ZodType>;

export type Answer<N extends QueryName> = z.infer<(typeof answerSchemas)[N]>;
