import { tagokitVitest } from '../../vitest.shared.js';

export default tagokitVitest('spec-model');
