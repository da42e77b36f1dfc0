-- GENERADO por npm run deploy:generate: una base de datos por servicio.
CREATE DATABASE "orders";
