// `npm run schema`: writes schemas/answers.schema.json from src/answers/schema.ts
// after a change to the answers; a test fails until the two agree.
import { writeFileSync } from 'node:fs';
import { answersSchemaText } from '../src/answers/schema.js';

writeFileSync('schemas/answers.schema.json', answersSchemaText());
console.log('wrote schemas/answers.schema.json');
