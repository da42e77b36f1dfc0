import { problemType } from './problem.ts';

// Los tipos de problema de auth-service: un catálogo estable que se documenta como parte del contrato.
// Los códigos son los de siempre, para que ningún cliente se rompa.
export const authProblems = {
  emailAlreadyRegistered: problemType('EMAIL_ALREADY_REGISTERED', 'email-ya-registrado', 'Email ya registrado'),
  invalidCredentials: problemType('INVALID_CREDENTIALS', 'credenciales-incorrectas', 'Credenciales incorrectas'),
  unknownUser: problemType('UNKNOWN_USER', 'usuario-desconocido', 'Usuario desconocido'),
};
