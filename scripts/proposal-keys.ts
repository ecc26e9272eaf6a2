// Prints a new Ed25519 key pair for signed proposal files (docs/proposal-format.md): the private key for the
// sending deployment's VINHDANH_PROPOSAL_SIGNING_KEY, the public key for the receiving deployment's
// VINHDANH_PROPOSAL_TRUSTED_KEYS, and the key id the receiver will see. Usage: npx tsx scripts/proposal-keys.ts
import { createHash, generateKeyPairSync } from 'node:crypto';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const spki = publicKey.export({ type: 'spki', format: 'der' });
console.log(`# sending deployment (keep secret)\nVINHDANH_PROPOSAL_SIGNING_KEY=${privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64')}`);
console.log(`# receiving deployment (public; several keys separated by commas)\nVINHDANH_PROPOSAL_TRUSTED_KEYS=${spki.toString('base64')}`);
console.log(`# key id (SHA-256 of the public key), as the file's signature.json names it\n# ${createHash('sha256').update(spki).digest('hex')}`);
