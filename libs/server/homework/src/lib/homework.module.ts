import { Module } from '@nestjs/common';
import { AssignmentsController } from './assignments/assignments.controller';
import { AssignmentsService } from './assignments/assignments.service';
import { ReviewsService } from './reviews/reviews.service';
import { TasksController } from './tasks/tasks.controller';
import { TasksService } from './tasks/tasks.service';
import { TemplatesController } from './templates/templates.controller';
import { TemplatesService } from './templates/templates.service';
import { CalendarController } from './calendar/calendar.controller';
import { CalendarService } from './calendar/calendar.service';
import { AdvisingController } from './advising/advising.controller';
import { AdvisingService } from './advising/advising.service';

/** Templates, assignments with set-based fan-out, tasks, reflections and reviews. */
@Module({
  controllers: [TemplatesController, AssignmentsController, TasksController, CalendarController, AdvisingController],
  providers: [TemplatesService, AssignmentsService, TasksService, ReviewsService, CalendarService, AdvisingService],
  exports: [TemplatesService],
})
export class HomeworkModule {}
