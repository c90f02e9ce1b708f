import { repoLinksFor } from '../../src/domain/repo-links.ts';

/** The links of kubernetes/enhancements, the repository `github.repo` names by default. */
export const enhancements = repoLinksFor('kubernetes/enhancements');
