import { tagokitVitest } from '../../vitest.shared.js';

export default tagokitVitest('example-analysis');
