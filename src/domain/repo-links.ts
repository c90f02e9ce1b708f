/**
 * The addresses of the enhancements repository on GitHub (`github.repo`, `owner/name`): the KEP
 * issues and the KEP folders that Slack messages, digests and pages link to. Built once from the
 * config by the composition root and handed to every builder that names the repository.
 */
export interface RepoLinks {
  /** `owner/name`, e.g. `kubernetes/enhancements`. */
  name: string;
  /** An issue, e.g. `https://github.com/kubernetes/enhancements/issues/4222`. */
  issue(number: number): string;
  /** A path on the default branch, e.g. `…/tree/master/keps/sig-node/4222-x`. */
  tree(path: string): string;
}

/** The links of the repository `owner/name` on github.com. */
export function repoLinksFor(repo: string): RepoLinks {
  const base = `https://github.com/${repo}`;
  return {
    name: repo,
    issue: (number) => `${base}/issues/${number}`,
    tree: (path) => `${base}/tree/master/${path}`,
  };
}
