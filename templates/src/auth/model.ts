import { Type, type Static } from 'typebox';
import { CreateUser } from '../resources/users/model.js';

// 8 is NIST SP 800-63B's minimum; the maximum bounds what one login makes
// scrypt read, not what anyone should pick.
export const Password = Type.String({ minLength: 8, maxLength: 200, writeOnly: true, description: 'At least 8 characters' });

/** A new account: the fields of a user, and its password. */
export const Register = Type.Object({ ...CreateUser.properties, password: Password }, { additionalProperties: false });
export type Register = Static<typeof Register>;

export const Login = Type.Object(
  {
    email: CreateUser.properties.email,
    // Any length is checked (and refused) the same way, so the schema says nothing about a password.
    password: Type.String({ minLength: 1, maxLength: 200, writeOnly: true }),
  },
  { additionalProperties: false },
);
export type Login = Static<typeof Login>;

export const AccessToken = Type.Object({
  accessToken: Type.String({ description: 'Send it as Authorization: Bearer <accessToken>' }),
  tokenType: Type.Literal('Bearer'),
  expiresIn: Type.Integer({ minimum: 1, description: 'Seconds until the token expires' }),
});
export type AccessToken = Static<typeof AccessToken>;
