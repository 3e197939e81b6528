from django.db.models import QuerySet, Sum

from .models import Room


def rooms_of_the_house() -> QuerySet[Room]:
    return (
        Room.objects.filter(is_active=True).prefetch_related("equipment").order_by("floor", "name")
    )


def total_area_m2():
    return Room.objects.filter(is_active=True).aggregate(total=Sum("area_m2"))["total"] or 0
