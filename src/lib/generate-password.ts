/**
 * Passwords an admin hands to someone: 20 characters from an alphabet without look-alikes
 * (0/O, 1/l/I), so they survive being read out or typed from a screen. About 116 bits.
 */
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
const LENGTH = 20;

export function generatePassword(random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array = (bytes) => crypto.getRandomValues(bytes)): string {
  // Rejection sampling: bytes at or above the largest multiple of the alphabet size would favour its first letters.
  const limit = 256 - (256 % ALPHABET.length);
  let password = "";
  while (password.length < LENGTH) {
    for (const byte of random(new Uint8Array(LENGTH))) {
      if (byte < limit && password.length < LENGTH) password += ALPHABET[byte % ALPHABET.length];
    }
  }
  return password;
}
