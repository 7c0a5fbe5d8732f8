// Case 8: a NestJS app as `nest new` makes it (Express platform), serving the
// same item JSON as the other peers. Only the listen address and port differ.
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';

async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1');
}
bootstrap();
