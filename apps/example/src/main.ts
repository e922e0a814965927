import { Logger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';
import { enableCorsFromEnvironment } from './config/cors.config';
import {
  createHttpAdapter,
  parseHttpAdapterName,
  type HttpAdapterName,
} from './create-http-adapter';

const logger = new Logger('Bootstrap');

interface Settings {
  port: number;
  adapter: HttpAdapterName;
  databaseUrl: string | undefined;
}

function readSettings(env: NodeJS.ProcessEnv): Settings {
  const rawPort = env.PORT?.trim() || '3000';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port < 0 || port > 65535) {
    throw new Error(`PORT is "${env.PORT}", which is not a port number (0-65535).`);
  }
  return { port, adapter: parseHttpAdapterName(env.HTTP_ADAPTER), databaseUrl: env.DATABASE_URL };
}

async function bootstrap(): Promise<void> {
  let settings: Settings;
  try {
    settings = readSettings(process.env);
  } catch (error) {
    logger.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }

  let app: INestApplication;
  try {
    // Building the module reads the environment (JWT_SIGNING_KEY): its errors are ours to print.
    const appModule = AppModule.forDatabase(settings.databaseUrl);
    // abortOnError: false makes a failing boot reject here instead of calling process.abort(),
    // which would dump core and hide the message.
    app = await NestFactory.create(appModule, createHttpAdapter(settings.adapter), {
      abortOnError: false,
    });
  } catch (error) {
    // Every refused start says why (Nest may have logged it too; a second line is cheap).
    logger.error(
      `The application did not start: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  }

  configureApp(app);
  // Off unless CORS_ORIGINS lists the browser origins allowed to call the API.
  enableCorsFromEnvironment(app);
  app.enableShutdownHooks();
  await app.listen(settings.port, '0.0.0.0');
  logger.log(
    `Catalog API on ${settings.adapter} listening at http://localhost:${settings.port}/api`,
  );
}

bootstrap().catch((error: unknown) => {
  // Late failures such as EADDRINUSE from listen().
  logger.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
